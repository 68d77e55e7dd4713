package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What an agent version charges, from its manifest; prices that do not apply are absent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pricing(
    @WireField(values = {"per_call", "per_token", "free"}) String model,
    @JsonProperty("usd_per_call") @WireField(minimum = 0) @Nullable Double usdPerCall,
    @JsonProperty("usd_per_input_token") @WireField(minimum = 0) @Nullable Double usdPerInputToken,
    @JsonProperty("usd_per_output_token") @WireField(minimum = 0) @Nullable
        Double usdPerOutputToken) {}
