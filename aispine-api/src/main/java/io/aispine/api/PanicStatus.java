package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Whether panic mode is on ({@code GET /api/v1/panic}).
 *
 * @param since when it was switched on, or null when it is off
 * @param by the id of the admin key that switched it on, or null
 * @param reason the incident, as given, or null
 */
public record PanicStatus(
    boolean on,
    @Nullable Instant since,
    @JsonProperty("by") @Nullable String by,
    @Nullable String reason) {}
