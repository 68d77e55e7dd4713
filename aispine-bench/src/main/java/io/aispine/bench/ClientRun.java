package io.aispine.bench;

import io.aispine.engine.Engine;
import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionStatus;
import io.aispine.flow.Flow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * N synchronous clients, each starting an execution and waiting for it to end before it starts the
 * next: the latency a caller sees, and the throughput that N such callers get. Unlike {@link
 * LoadRun}, nothing is queued ahead, so every step pays the whole round trip through the engine.
 */
final class ClientRun {

  /**
   * What a run measured: per-execution latencies (start to end, as the client saw it) and the
   * latency of {@code start} alone (until the start is durable), both in nanoseconds.
   */
  record Result(
      int executions,
      long steps,
      long transitions,
      long failed,
      Duration wall,
      long[] perExecution,
      long[] perStart) {

    double seconds() {
      return wall.toNanos() / 1e9;
    }

    double stepsPerSecond() {
      return steps / seconds();
    }

    double transitionsPerSecond() {
      return transitions / seconds();
    }

    /** The q-quantile (0..1) of the per-execution latency, in milliseconds. */
    double executionMillis(double q) {
      return quantile(perExecution, q);
    }

    /** The q-quantile of the latency of start alone, in milliseconds. */
    double startMillis(double q) {
      return quantile(perStart, q);
    }

    private static double quantile(long[] sorted, double q) {
      int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
      return sorted[Math.max(0, i)] / 1e6;
    }
  }

  private ClientRun() {}

  /** Runs {@code executions} executions of {@code flow} through {@code clients} clients. */
  static Result run(Engine engine, Flow flow, int clients, int executions, Duration timeout)
      throws Exception {
    var steps = new LongAdder();
    var transitions = new LongAdder();
    var failed = new LongAdder();
    var perExecution = new long[executions];
    var perStart = new long[executions];
    var next = new AtomicInteger();
    try (var sub =
        engine.subscribe(
            e -> {
              if (e.nodePath() == null) {
                return;
              }
              transitions.increment();
              // a step is a node executed: it ended, with an output or for good
              if (e.type() == EventType.NODE_COMPLETED || e.type() == EventType.NODE_FAILED) {
                steps.increment();
              }
            })) {
      long began = System.nanoTime();
      List<Future<?>> running = new ArrayList<>(clients);
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int c = 0; c < clients; c++) {
          Callable<Void> client =
              () -> {
                for (int i = next.getAndIncrement(); i < executions; i = next.getAndIncrement()) {
                  long t0 = System.nanoTime();
                  String id = engine.start(flow, Map.of());
                  long t1 = System.nanoTime();
                  var end = engine.await(id, timeout);
                  perExecution[i] = System.nanoTime() - t0;
                  perStart[i] = t1 - t0;
                  if (end.status() != ExecutionStatus.SUCCEEDED) {
                    failed.increment();
                  }
                }
                return null;
              };
          running.add(pool.submit(client));
        }
        for (Future<?> f : running) {
          f.get();
        }
      }
      long wall = System.nanoTime() - began;
      Arrays.sort(perExecution);
      Arrays.sort(perStart);
      return new Result(
          executions,
          steps.sum(),
          transitions.sum(),
          failed.sum(),
          Duration.ofNanos(wall),
          perExecution,
          perStart);
    }
  }
}
