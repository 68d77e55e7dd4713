package io.aispine.api;

/**
 * The body of {@code POST /api/v1/mcp/allowlist}: a command or URL (a prefix when it ends in *).
 */
@WireType(request = true)
public record McpAllowRequest(@WireField(maxLength = 2048) String entry) {}
