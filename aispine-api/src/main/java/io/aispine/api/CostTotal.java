package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The model calls of one group: how many, their tokens and their cost.
 *
 * @param key the group (a model, a day {@code 2026-12-07}, a week {@code 2026-W50}, an execution,
 *     {@code execution/node} …), or null for calls without that attribute
 */
public record CostTotal(
    @Nullable String key,
    long calls,
    @JsonProperty("prompt_tokens") long promptTokens,
    @JsonProperty("completion_tokens") long completionTokens,
    @JsonProperty("cost_usd") double costUsd) {}
