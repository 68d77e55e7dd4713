package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One deployed flow version, as listed by {@code GET /api/v1/flows}.
 *
 * @param status draft, approved or rejected; null from a server without the gate
 */
public record FlowSummary(
    String id,
    String version,
    @Nullable String description,
    @JsonProperty("created_at") Instant createdAt,
    @Nullable FlowVersionStatus status) {}
