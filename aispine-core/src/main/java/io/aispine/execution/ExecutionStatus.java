package io.aispine.execution;

/** The lifecycle status of an execution. The meaning of each status is carried by its fields. */
public enum ExecutionStatus {
  RUNNING(false, false),
  SUCCEEDED(true, true),
  FAILED(true, false),
  CANCELLED(true, false);

  private final boolean terminal;
  private final boolean successful;

  ExecutionStatus(boolean terminal, boolean successful) {
    this.terminal = terminal;
    this.successful = successful;
  }

  /** True when the execution will not change any more, unless a failed one is retried. */
  public boolean terminal() {
    return terminal;
  }

  /** True when the execution ended well. */
  public boolean successful() {
    return successful;
  }

  /** The lower-case name used in JSON and the CLI. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The legal next statuses; an execution only ever moves along these edges. */
  public java.util.Set<ExecutionStatus> next() {
    return switch (this) {
      case RUNNING -> java.util.EnumSet.of(SUCCEEDED, FAILED, CANCELLED);
      case FAILED -> java.util.EnumSet.of(RUNNING); // retried
      case SUCCEEDED, CANCELLED -> java.util.EnumSet.noneOf(ExecutionStatus.class);
    };
  }
}
