package io.aispine.api;

/**
 * Why an execution, node or attempt failed: a stable code, a message, and whether a retry may help.
 */
public record ErrorInfo(String code, String message, boolean retryable) {

  @Override
  public String toString() {
    return code + ": " + message;
  }
}
