package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Where a flow version stands in the gate and who put it there.
 *
 * @param author the id of the API key that deployed it, or null (a local run's version, or one
 *     stored before the gate existed)
 * @param decidedBy the id of the key that approved or rejected it ({@code migration} for versions
 *     that could run before the gate existed), or null while it is a draft
 * @param reason why it was rejected, or null
 */
public record FlowReview(
    FlowVersionStatus status,
    @Nullable String author,
    @JsonProperty("decided_by") @Nullable String decidedBy,
    @JsonProperty("decided_at") @Nullable Instant decidedAt,
    @Nullable String reason) {}
