package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An agent version's circuit breaker.
 *
 * @param failures outages in the window
 * @param openUntil when probe calls are let through, while open
 * @param rejected calls refused while it was open
 */
public record Circuit(
    @WireField(values = {"closed", "half_open", "open"}) String state,
    int failures,
    @JsonProperty("open_until") @Nullable Instant openUntil,
    long rejected) {}
