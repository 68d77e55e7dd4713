package io.aispine.bench;

import io.aispine.engine.Engine;
import io.aispine.execution.EventType;
import io.aispine.flow.Flow;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Starts many executions of one flow with a bound on how many are in flight and waits for all of
 * them, counting the committed events as they are published.
 */
final class LoadRun {

  /** What a run measured. */
  record Result(int executions, long nodeEvents, long failed, Duration wall, long peakHeapBytes) {
    double executionsPerSecond() {
      return executions / seconds();
    }

    double nodeTransitionsPerSecond() {
      return nodeEvents / seconds();
    }

    double seconds() {
      return wall.toNanos() / 1e9;
    }
  }

  private LoadRun() {}

  static Result run(Engine engine, Flow flow, int executions, int inFlight, Duration timeout)
      throws Exception {
    var done = new CountDownLatch(executions);
    var permits = new Semaphore(inFlight);
    var nodeEvents = new LongAdder();
    var failed = new LongAdder();
    var heap = new PeakHeap();
    try (var sub =
        engine.subscribe(
            e -> {
              if (e.nodePath() != null) {
                nodeEvents.increment();
              } else if (e.type() == EventType.EXECUTION_COMPLETED
                  || e.type() == EventType.EXECUTION_FAILED
                  || e.type() == EventType.EXECUTION_CANCELLED) {
                if (e.type() != EventType.EXECUTION_COMPLETED) {
                  failed.increment();
                }
                permits.release();
                done.countDown();
              }
            })) {
      heap.reset();
      long start = System.nanoTime();
      try (var starters = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < executions; i++) {
          permits.acquire();
          starters.submit(() -> engine.start(flow, Map.of()));
        }
      }
      if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            done.getCount() + " of " + executions + " executions unfinished after " + timeout);
      }
      long wall = System.nanoTime() - start;
      return new Result(
          executions, nodeEvents.sum(), failed.sum(), Duration.ofNanos(wall), heap.peakBytes());
    }
  }
}
