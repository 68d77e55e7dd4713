package io.aispine.sdk;

import java.time.Instant;

/** One deployed flow version, as listed by {@code GET /api/v1/flows}. */
public record FlowSummary(String id, String version, String description, Instant createdAt) {}
