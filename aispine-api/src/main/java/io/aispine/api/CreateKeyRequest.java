package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The body of {@code POST /api/v1/keys}.
 *
 * @param name what the key is for
 * @param role {@code admin}, {@code operator} or {@code viewer}
 * @param expiresAt when the key stops working; absent for never
 * @param workspace the workspace of the key; absent for the caller's own (only the server's owner
 *     names another, to give a new workspace its first admin key)
 */
@WireType(request = true)
public record CreateKeyRequest(
    @WireField(maxLength = 64) String name,
    String role,
    @JsonProperty("expires_at") @Nullable Instant expiresAt,
    @WireField(maxLength = 63) @Nullable String workspace) {}
