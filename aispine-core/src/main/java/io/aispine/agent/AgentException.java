package io.aispine.agent;

import io.aispine.execution.ErrorInfo;

/**
 * A failure an agent recognises. Whether another attempt may help is a type, not a string: see
 * {@link Retryable} and {@link Permanent}; whether the agent itself could not serve the call (as
 * opposed to answering with an error of its own) is one too: see {@link Unreachable}.
 *
 * <p>Each kind fixes its retryability when it is constructed, and {@link #toErrorInfo()} is final:
 * the error as data must not depend on which override a caller dispatches to. JDK 25.0.3 can run a
 * caller's stale compiled exception handler in a virtual thread (JDK-8389310): a handler compiled
 * while {@code Permanent} was the only kind in use had {@code toErrorInfo()} bound to {@code
 * Permanent}'s override, and the first {@code Retryable} ever thrown into it became a permanent
 * error; see docs/agents.md.
 */
public abstract sealed class AgentException extends Exception
    permits AgentException.Retryable, AgentException.Permanent {

  private final String code;
  private final boolean retryable;

  private AgentException(String code, String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.code = code;
    this.retryable = retryable;
  }

  /** The stable error code. */
  public final String code() {
    return code;
  }

  /** The error as data; {@code retryable} is the kind's. */
  public final ErrorInfo toErrorInfo() {
    return new ErrorInfo(code, getMessage(), retryable);
  }

  /** A failure that another attempt may not repeat (timeouts, 5xx, connection refused …). */
  public static sealed class Retryable extends AgentException permits Unreachable {
    public Retryable(String code, String message) {
      this(code, message, null);
    }

    public Retryable(String code, String message, Throwable cause) {
      super(code, message, cause, true);
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
      super(code, message, cause, false);
    }
  }
}
