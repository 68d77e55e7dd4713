package io.aispine.server.internal.agents;

/**
 * The body of {@code POST /api/v1/agents/{name}/versions/{version}/deprecate}.
 *
 * @param reason why, or what to use instead; optional
 */
record DeprecateRequest(String reason) {}
