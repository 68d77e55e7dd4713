package io.aispine.engine;

/** The operation needs a finished execution, and this one is still running. */
public final class ExecutionNotFinishedException extends RuntimeException {

  private final String executionId;

  public ExecutionNotFinishedException(String executionId, String message) {
    super(message);
    this.executionId = executionId;
  }

  /** The execution that is still running. */
  public String executionId() {
    return executionId;
  }
}
