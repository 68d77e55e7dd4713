package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The outcome of {@code POST /api/v1/secrets/rotate}.
 *
 * @param keyVersion the id of the new primary key
 * @param reencrypted how many secrets were re-encrypted under it
 */
public record SecretRotation(@JsonProperty("key_version") long keyVersion, int reencrypted) {}
