package io.aispine.sdk;

import java.time.Instant;

/**
 * A secret as the server shows it: never its value.
 *
 * @param name the name flows use in {@code ${secrets.NAME}}
 * @param createdAt when it was first set
 * @param updatedAt when it was last set or re-encrypted
 * @param keyVersion the id of the keyset key that encrypts it
 */
public record SecretInfo(String name, Instant createdAt, Instant updatedAt, long keyVersion) {}
