package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code GET /api/v1/audit/verify} found walking the audit log's hash chain from its first
 * entry.
 *
 * @param intact true when every entry follows the one before it and matches its hash
 * @param entries how many entries were checked (up to the break, when there is one)
 * @param brokenSeq the sequence number of the first broken entry, or null when intact
 * @param reason what is wrong with that entry (edited, deleted before it, reordered), or null
 */
public record AuditVerification(
    boolean intact,
    long entries,
    @JsonProperty("broken_seq") @Nullable Long brokenSeq,
    @Nullable String reason) {}
