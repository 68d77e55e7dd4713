package io.aispine.store;

import java.time.Instant;

/**
 * A flow version as kept in the store.
 *
 * @param id the flow id
 * @param version the exact version
 * @param source the YAML source
 * @param createdAt when it was first stored
 */
public record StoredFlow(String id, String version, String source, Instant createdAt) {}
