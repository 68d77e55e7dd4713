package io.aispine.agents.serve;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts the thread running an agent when the caller's timeout passes, since the caller no
 * longer waits for the answer; closing it leaves the thread's interrupt status clean for the reply.
 */
final class CallDeadline implements AutoCloseable {

  private final Thread runner = Thread.currentThread();
  private final ScheduledFuture<?> timer;
  private boolean done;
  private boolean fired;

  private CallDeadline(ScheduledExecutorService scheduler, Duration timeout) {
    this.timer =
        timeout == null
            ? null
            : scheduler.schedule(this::fire, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A deadline {@code timeout} from now on the current thread; null timeout means none. */
  static CallDeadline start(ScheduledExecutorService scheduler, Duration timeout) {
    return new CallDeadline(scheduler, timeout);
  }

  // Both sides lock so that an interrupt can never land after close() has cleared the flag.
  private synchronized void fire() {
    if (!done) {
      fired = true;
      runner.interrupt();
    }
  }

  /** Whether the deadline passed while the agent ran. */
  synchronized boolean fired() {
    return fired;
  }

  @Override
  public synchronized void close() {
    done = true;
    if (timer != null) {
      timer.cancel(false);
    }
    if (fired) {
      // The interrupt was meant for the agent; the thread still has to write the reply.
      Thread.interrupted();
    }
  }
}
