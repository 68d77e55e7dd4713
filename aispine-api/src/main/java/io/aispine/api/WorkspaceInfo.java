package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A workspace, its plan and its quotas with what it uses of them.
 *
 * @param plan {@code unlimited}, {@code free}, {@code startup} or {@code scale}
 */
public record WorkspaceInfo(
    String id,
    String name,
    String plan,
    @JsonProperty("created_at") Instant createdAt,
    List<QuotaUse> quotas) {}
