package io.aispine.agent;

import io.aispine.engine.ErrorInfo;

/**
 * A failure an agent recognises. Whether another attempt may help is a type, not a string: see
 * {@link Retryable} and {@link Permanent}.
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
  public static final class Retryable extends AgentException {
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
