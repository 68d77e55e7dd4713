package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An API key as the API shows it: never the key, only its first characters ({@code prefix}).
 *
 * @param key the key's text, only in the answer that created it (shown once), else absent
 * @param expiresAt when the key stops working, absent for never
 * @param revokedAt when it was revoked, absent while it works
 * @param lastUsedAt when it last authenticated a request (to the minute), absent before
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyInfo(
    String id,
    String workspace,
    String name,
    String role,
    @Nullable String prefix,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("expires_at") @Nullable Instant expiresAt,
    @JsonProperty("revoked_at") @Nullable Instant revokedAt,
    @JsonProperty("last_used_at") @Nullable Instant lastUsedAt,
    @Nullable String key) {}
