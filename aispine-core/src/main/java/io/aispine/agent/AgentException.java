package io.aispine.agent;

import io.aispine.engine.ErrorInfo;

/**
 * A failure an agent recognises. Whether another attempt may help is a type, not a string: see
 * {@link Retryable} and {@link Permanent}; whether the agent itself could not serve the call (as
 * opposed to answering with an error of its own) is one too: see {@link Unreachable}.
 */
public abstract sealed class AgentException extends Exception
    permits AgentException.Retryable, AgentException.Permanent {

  private final String code;

  AgentException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The stable error code. */
  public String code() {
    return code;
  }

  /** The error as data. */
  public abstract ErrorInfo toErrorInfo();

  /** A failure that another attempt may not repeat (timeouts, 5xx, connection refused …). */
  public static sealed class Retryable extends AgentException permits Unreachable {
    public Retryable(String code, String message) {
      this(code, message, null);
    }

    public Retryable(String code, String message, Throwable cause) {
      super(code, message, cause);
    }

    @Override
    public ErrorInfo toErrorInfo() {
      return ErrorInfo.retryable(code(), getMessage());
    }
  }

  /**
   * A retryable failure that says the agent could not serve the call at all: it could not be
   * reached, gave no answer in time, broke the exchange, or its transport answered 5xx instead of
   * the agent. Circuit breakers count these (an outage of the agent), and not the errors an agent
   * answers with, even retryable ones: those come from an agent that works.
   */
  public static final class Unreachable extends Retryable {
    public Unreachable(String code, String message) {
      this(code, message, null);
    }

    public Unreachable(String code, String message, Throwable cause) {
      super(code, message, cause);
    }
  }

  /** A failure that will happen again however often the call is repeated (bad input, 4xx …). */
  public static final class Permanent extends AgentException {
    public Permanent(String code, String message) {
      this(code, message, null);
    }

    public Permanent(String code, String message, Throwable cause) {
      super(code, message, cause);
    }

    @Override
    public ErrorInfo toErrorInfo() {
      return ErrorInfo.permanent(code(), getMessage());
    }
  }
}
