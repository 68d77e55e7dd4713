package io.aispine.sdk;

import java.time.Instant;

/** One version of an agent; {@code url} is set for HTTP agents. */
public record AgentVersion(String version, String url, Instant createdAt) {}
