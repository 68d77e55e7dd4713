package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Whether an agent (or one version of it, {@code version}) is drained: it gets no new calls.
 *
 * @param version the drained version, or null for every version
 * @param drainedAt when the drain began, or null when not drained
 */
public record AgentDrain(
    String name,
    @Nullable String version,
    boolean drained,
    @JsonProperty("drained_at") @Nullable Instant drainedAt) {}
