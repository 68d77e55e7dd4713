package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A secret as the API shows it: never its value.
 *
 * @param keyVersion the id of the keyset key that encrypts it
 */
public record Secret(
    String name,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt,
    @JsonProperty("key_version") long keyVersion) {}
