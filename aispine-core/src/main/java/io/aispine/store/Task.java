package io.aispine.store;

import io.aispine.execution.Command;
import java.time.Instant;

/**
 * Durable due work: a node attempt to run or a timer to fire. At most one per execution and node
 * path.
 *
 * @param executionId the execution
 * @param path the node path
 * @param runAt when it is due
 * @param run the attempt to run, or null for a timer
 */
public record Task(String executionId, String path, Instant runAt, Command.RunTask run) {

  /** True for a timer, false for a node attempt. */
  public boolean isTimer() {
    return run == null;
  }
}
