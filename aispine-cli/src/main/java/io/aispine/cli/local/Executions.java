package io.aispine.cli.local;

import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.ProgressPrinter;
import io.aispine.engine.Engine;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.flow.Flow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Runs one execution to its end while handing its events, in order, to a progress printer. */
final class Executions {
  private Executions() {}

  private static boolean ends(io.aispine.execution.EventType type) {
    return switch (type) {
      case EXECUTION_COMPLETED, EXECUTION_FAILED, EXECUTION_CANCELLED -> true;
      default -> false;
    };
  }

  /**
   * Starts an execution and waits for it. Events are queued by the engine's listener and printed
   * here, on the caller's thread, so the engine is never blocked by the terminal.
   */
  static ExecutionState runToEnd(
      Engine engine,
      Flow flow,
      Map<String, Object> inputs,
      Duration timeout,
      ProgressPrinter progress)
      throws InterruptedException {
    var queue = new LinkedBlockingQueue<ExecutionEvent>();
    // Subscribe before starting so that no event of the new execution can be missed.
    AutoCloseable subscription = engine.subscribe(queue::add);
    try {
      String id = engine.start(flow, inputs);
      if (progress != null) {
        progress.started(id);
      }
      Instant deadline = Instant.now().plus(timeout);
      while (true) {
        ExecutionEvent event = queue.poll(100, TimeUnit.MILLISECONDS);
        if (event != null && event.executionId().equals(id)) {
          if (progress != null) {
            progress.print(event);
          }
          if (ends(event.type())) {
            return engine.execution(id).orElseThrow();
          }
          continue;
        }
        // other executions (e.g. resumed ones) may keep the queue busy: check ours regardless
        if (event == null) {
          var state = engine.execution(id);
          if (state.isPresent() && state.get().status().terminal() && queue.isEmpty()) {
            return state.get();
          }
        }
        if (Instant.now().isAfter(deadline)) {
          throw new CliException(
              ExitCodes.FAILED,
              "execution "
                  + id
                  + " is still running after "
                  + timeout.toSeconds()
                  + "s; it stays durable and resumes with the next engine on this store");
        }
      }
    } finally {
      closeQuietly(subscription);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // unsubscribing cannot fail in a way the user could act on
    }
  }
}
