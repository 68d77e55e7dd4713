package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an agent call consumed, as the agent reported it: model, tokens and cost. */
public record Usage(
    @Nullable String model,
    @JsonProperty("input_tokens") long inputTokens,
    @JsonProperty("output_tokens") long outputTokens,
    @JsonProperty("cost_usd") double costUsd) {}
