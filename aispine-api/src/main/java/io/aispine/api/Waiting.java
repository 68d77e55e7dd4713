package io.aispine.api;

import java.time.Instant;

/**
 * Why a node that is due waits, and until when: a guard held its attempt back ({@code
 * circuit_open}, {@code circuit_half_open}, {@code drained}, {@code flow_concurrency}, {@code
 * agent_concurrency} or {@code rate_limited}).
 */
public record Waiting(String reason, @Nullable Instant until) {}
