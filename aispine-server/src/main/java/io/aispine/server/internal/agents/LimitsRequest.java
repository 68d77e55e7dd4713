package io.aispine.server.internal.agents;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PUT /api/v1/agents/{name}/limits}; a null or absent field removes that
 * override, so the agent's manifest or the server's default applies again.
 *
 * @param ratePerMinute calls per minute, at least 1
 * @param maxConcurrency calls in flight, at least 1
 */
record LimitsRequest(
    @JsonProperty("rate_per_minute") Integer ratePerMinute,
    @JsonProperty("max_concurrency") Integer maxConcurrency) {}
