package io.aispine.store;

import java.util.Objects;

/**
 * An entry of the audit log: an {@link AuditEvent} at its place {@code seq} in the hash chain.
 *
 * @param prevHash the previous entry's {@code hash} ({@link AuditChain#GENESIS} for the first)
 * @param hash {@link AuditChain#hash} of {@code prevHash}, {@code seq} and the event
 */
public record AuditEntry(long seq, AuditEvent event, String prevHash, String hash) {

  public AuditEntry {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
  }
}
