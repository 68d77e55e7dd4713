package io.aispine.sdk;

/**
 * The outcome of {@code POST /secrets/rotate}.
 *
 * @param keyVersion the id of the new primary key
 * @param reencrypted how many secrets were re-encrypted under it
 */
public record SecretRotation(long keyVersion, int reencrypted) {}
