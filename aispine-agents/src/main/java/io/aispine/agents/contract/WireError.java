package io.aispine.agents.contract;

import io.aispine.execution.ErrorInfo;

/**
 * The {@code error} object of a failed response.
 *
 * @param code a stable machine-readable code
 * @param message a human-readable explanation
 * @param retryable whether another attempt may succeed
 */
public record WireError(String code, String message, boolean retryable) {

  /** The wire form of {@code error}. */
  public static WireError of(ErrorInfo error) {
    return new WireError(error.code(), error.message(), error.retryable());
  }

  /** The engine's form of this error. */
  public ErrorInfo toErrorInfo() {
    return new ErrorInfo(code, message, retryable);
  }
}
