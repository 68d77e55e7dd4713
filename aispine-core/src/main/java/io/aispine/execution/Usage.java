package io.aispine.execution;

/**
 * Resource usage reported by an agent for one call.
 *
 * @param model the model used, or null
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param costUsd cost in US dollars
 */
public record Usage(String model, long inputTokens, long outputTokens, double costUsd) {
  /** No usage reported. */
  public static final Usage NONE = new Usage(null, 0, 0, 0.0);
}
