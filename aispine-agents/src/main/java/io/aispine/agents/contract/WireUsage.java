package io.aispine.agents.contract;

import io.aispine.execution.Usage;

/**
 * The {@code usage} object of a successful response.
 *
 * @param model the model used, or null
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param costUsd cost in US dollars
 */
public record WireUsage(String model, long inputTokens, long outputTokens, double costUsd) {

  /** The wire form of {@code usage}. */
  public static WireUsage of(Usage usage) {
    return new WireUsage(usage.model(), usage.inputTokens(), usage.outputTokens(), usage.costUsd());
  }

  /** The engine's form of this usage. */
  public Usage toUsage() {
    return new Usage(model, inputTokens, outputTokens, costUsd);
  }
}
