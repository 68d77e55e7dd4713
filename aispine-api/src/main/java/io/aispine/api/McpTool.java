package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A tool an MCP server lists, with the permission the workspace's policy gives it.
 *
 * @param inputSchema the JSON Schema its arguments ({@code with:}) must satisfy
 */
public record McpTool(
    String name,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String description,
    @JsonProperty("input_schema") Map<String, Object> inputSchema,
    @WireField(values = {"allow", "deny", "approval"}) String permission) {}
