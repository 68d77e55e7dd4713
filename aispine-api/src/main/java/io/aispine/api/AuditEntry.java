package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One entry of the audit log ({@code GET /api/v1/audit}): every field the hash chain covers, named
 * as in the canonical JSON that is hashed.
 *
 * @param seq its place in the chain, from 1
 * @param workspace the workspace the request acted in
 * @param keyId the API key that made the request, or null when none was accepted
 * @param role that key's role, or null
 * @param source the client's address
 * @param action what was done, e.g. {@code execution.start}
 * @param targetType the kind of object acted on, or null when nothing could be named
 * @param targetId its id, or null
 * @param outcome ok, refused (a 4xx) or error (a 5xx)
 * @param status the HTTP status of a refused or failed request; null when ok
 * @param requestId the request's {@code X-Request-Id}
 * @param beforeHash SHA-256 of the target's stored form before the change, or null
 * @param afterHash SHA-256 of the target's stored form after the change, or null
 * @param prevHash the previous entry's hash (64 zeros for the first)
 * @param hash SHA-256 over {@code prevHash} and this entry's canonical JSON
 */
public record AuditEntry(
    long seq,
    Instant at,
    String workspace,
    @JsonProperty("key_id") @Nullable String keyId,
    @Nullable String role,
    @Nullable String source,
    String action,
    @JsonProperty("target_type") @Nullable String targetType,
    @JsonProperty("target_id") @Nullable String targetId,
    @WireField(values = {"ok", "refused", "error"}) String outcome,
    @Nullable Integer status,
    @JsonProperty("request_id") String requestId,
    @JsonProperty("before_hash") @Nullable String beforeHash,
    @JsonProperty("after_hash") @Nullable String afterHash,
    @JsonProperty("prev_hash") String prevHash,
    String hash) {}
