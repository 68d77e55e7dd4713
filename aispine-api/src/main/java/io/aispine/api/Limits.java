package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The limits an agent version's manifest asks for; a limit it does not set is absent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@WireType(request = true)
public record Limits(
    @JsonProperty("rate_per_minute") @WireField(minimum = 1) @Nullable Integer ratePerMinute,
    @JsonProperty("max_concurrency") @WireField(minimum = 1) @Nullable Integer maxConcurrency) {}
