package io.aispine.engine.runtime.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduler thread that runs actions when the engine's clock reaches their due time: durable
 * timers (retry back-off, wait nodes) firing, and work due later. At most one action per key (an
 * execution's node path); arming a key again replaces its action.
 *
 * <p>It reads the injected clock rather than sleeping for a computed duration only, so that a test
 * clock moved forward is noticed within {@link #MAX_SLEEP}.
 */
public final class Timers {

  private static final Logger log = LoggerFactory.getLogger(Timers.class);
  private static final Duration MAX_SLEEP = Duration.ofMillis(100);
  private static final Duration STOP_PATIENCE = Duration.ofSeconds(2);

  private record Entry(String key, Instant due, Runnable action, long order, boolean delivery) {}

  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(
          (a, b) -> a.due.equals(b.due) ? Long.compare(a.order, b.order) : a.due.compareTo(b.due));
  private final Map<String, Entry> byKey = new HashMap<>();
  // deliveries asked to run early before they were armed: armed due at once
  private final Set<String> early = new HashSet<>();
  private final Thread thread;
  private long counter;
  private boolean stopped;

  public Timers(InstantSource clock) {
    this.clock = clock;
    this.thread = Thread.ofPlatform().name("aispine-timers").daemon().unstarted(this::loop);
  }

  public void start() {
    thread.start();
  }

  /** Runs {@code action} on the timer thread once the clock reaches {@code due}. */
  public void arm(String key, Instant due, Runnable action) {
    arm(key, due, action, false);
  }

  /**
   * Like {@link #arm}, for the delivery of an attempt due later (a deferred one): {@link #hurry}
   * may bring it forward, which it never does to a durable timer.
   */
  public void armDelivery(String key, Instant due, Runnable action) {
    arm(key, due, action, true);
  }

  /**
   * Brings the delivery armed for {@code key} forward to now; when none is armed yet (its deferral
   * is still being committed), the next delivery armed for it is due at once instead.
   */
  public void hurry(String key) {
    lock.lock();
    try {
      Entry armed = byKey.get(key);
      if (armed == null) {
        early.add(key);
        return;
      }
      if (armed.delivery && armed.due.isAfter(clock.instant())) {
        queue.remove(armed);
        var now = new Entry(key, clock.instant(), armed.action, counter++, true);
        byKey.put(key, now);
        queue.add(now);
        changed.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  private void arm(String key, Instant due, Runnable action, boolean delivery) {
    lock.lock();
    try {
      Instant when = delivery && early.remove(key) ? clock.instant() : due;
      if (!delivery) {
        early.remove(key);
      }
      var entry = new Entry(key, when, action, counter++, delivery);
      Entry previous = byKey.put(key, entry);
      if (previous != null) {
        queue.remove(previous);
      }
      queue.add(entry);
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Forgets the action armed for {@code key}, if any. */
  public void disarm(String key) {
    lock.lock();
    try {
      early.remove(key);
      Entry previous = byKey.remove(key);
      if (previous != null) {
        queue.remove(previous);
      }
    } finally {
      lock.unlock();
    }
  }

  /** How many actions are armed. */
  public int size() {
    lock.lock();
    try {
      return byKey.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the thread; armed actions are dropped (their tasks stay durable in the store). Waits a
   * few seconds at most for an action that is running: the thread is a daemon and keeps no process
   * alive.
   */
  public void stop() throws InterruptedException {
    lock.lock();
    try {
      stopped = true;
      changed.signal();
    } finally {
      lock.unlock();
    }
    if (!thread.join(STOP_PATIENCE)) {
      log.warn("the timer thread did not stop within {}; leaving it behind", STOP_PATIENCE);
    }
  }

  private void loop() {
    while (true) {
      Entry due;
      lock.lock();
      try {
        while (true) {
          if (stopped) {
            return;
          }
          Entry next = queue.peek();
          if (next == null) {
            changed.await();
            continue;
          }
          Duration wait = Duration.between(clock.instant(), next.due);
          if (wait.isNegative() || wait.isZero()) {
            queue.poll();
            byKey.remove(next.key, next);
            due = next;
            break;
          }
          changed.awaitNanos(wait.compareTo(MAX_SLEEP) < 0 ? wait.toNanos() : MAX_SLEEP.toNanos());
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      try {
        due.action.run();
      } catch (RuntimeException | Error e) {
        // one action's failure must not stop every later timer
        log.warn("timer action for {} failed", due.key, e);
      }
    }
  }
}
