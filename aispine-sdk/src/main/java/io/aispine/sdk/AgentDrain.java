package io.aispine.sdk;

import java.time.Instant;

/**
 * Whether an agent (or one version of it, {@code version}) is drained: it gets no new calls.
 *
 * @param drainedAt when the drain began, or null when not drained
 */
public record AgentDrain(String name, String version, boolean drained, Instant drainedAt) {}
