package io.aispine.store;

import java.util.Objects;

/**
 * How an agent version's calls are priced, in US dollars.
 *
 * @param model {@code per_call}, {@code per_token} or {@code free}
 * @param usdPerCall the price of one call ({@code per_call}), or null
 * @param usdPerInputToken the price of one input token ({@code per_token}), or null
 * @param usdPerOutputToken the price of one output token ({@code per_token}), or null
 */
public record AgentPricing(
    String model, Double usdPerCall, Double usdPerInputToken, Double usdPerOutputToken) {

  public AgentPricing {
    Objects.requireNonNull(model, "model");
  }
}
