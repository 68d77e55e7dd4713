package io.aispine.api;

import java.util.List;

/**
 * The commands and URLs the workspace may add as MCP servers; an entry ending in {@code *} admits
 * every command or URL it prefixes.
 */
public record McpAllowlist(List<String> entries) {}
