package io.aispine.execution;

import java.util.Objects;

/**
 * An error captured as data: what went wrong in a node attempt or an execution.
 *
 * @param code a stable machine-readable code ({@code TIMEOUT}, {@code AGENT_ERROR}, {@code
 *     EXPRESSION_ERROR}, {@code WORKER_LOST} …)
 * @param message a human-readable explanation
 * @param retryable whether another attempt may succeed
 */
public record ErrorInfo(String code, String message, boolean retryable) {

  public ErrorInfo {
    Objects.requireNonNull(code, "code");
    message = message == null ? "" : message;
  }

  /** A retryable error. */
  public static ErrorInfo retryable(String code, String message) {
    return new ErrorInfo(code, message, true);
  }

  /** A permanent error. */
  public static ErrorInfo permanent(String code, String message) {
    return new ErrorInfo(code, message, false);
  }

  /** The error as a JSON-like map, the shape flows see as {@code nodes.x.error}. */
  public java.util.Map<String, Object> toMap() {
    var map = new java.util.LinkedHashMap<String, Object>();
    map.put("code", code);
    map.put("message", message);
    map.put("retryable", retryable);
    return map;
  }
}
