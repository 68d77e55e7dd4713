package io.aispine.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
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

  private record Entry(String key, Instant due, Runnable action, long order) {}

  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(
          (a, b) -> a.due.equals(b.due) ? Long.compare(a.order, b.order) : a.due.compareTo(b.due));
  private final Map<String, Entry> byKey = new HashMap<>();
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
    lock.lock();
    try {
      var entry = new Entry(key, due, action, counter++);
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

  /** Stops the thread; armed actions are dropped (their tasks stay durable in the store). */
  public void stop() throws InterruptedException {
    lock.lock();
    try {
      stopped = true;
      changed.signal();
    } finally {
      lock.unlock();
    }
    thread.join();
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
      } catch (RuntimeException e) {
        log.warn("timer action for {} failed", due.key, e);
      }
    }
  }
}
