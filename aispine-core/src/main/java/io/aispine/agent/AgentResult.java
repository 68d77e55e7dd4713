package io.aispine.agent;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.Usage;

/** The outcome of one agent call. */
public sealed interface AgentResult {

  /** The call produced {@code output} (JSON-like). */
  record Success(Object output, Usage usage) implements AgentResult {
    public Success {
      usage = usage == null ? Usage.NONE : usage;
    }
  }

  /** The call failed with {@code error}. */
  record Failure(ErrorInfo error) implements AgentResult {}

  /** A success without usage. */
  static AgentResult success(Object output) {
    return new Success(output, Usage.NONE);
  }

  /** A failure. */
  static AgentResult failure(ErrorInfo error) {
    return new Failure(error);
  }
}
