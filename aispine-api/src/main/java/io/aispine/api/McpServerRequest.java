package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/mcp/servers}: adds an MCP server to the workspace, or replaces
 * one of the same name. Either {@code command} (stdio) or {@code url} (streamable HTTP); values of
 * {@code env} and {@code headers} may name secrets ({@code ${secrets.NAME}}).
 *
 * @param tools permissions by tool name: {@code allow}, {@code deny} or {@code approval}
 * @param otherTools the permission of every tool not named; {@code allow} when absent
 */
@WireType(request = true)
public record McpServerRequest(
    @WireField(maxLength = 63) String name,
    @WireField(values = {"stdio", "http"}) String transport,
    @WireField(maxLength = 1024) @Nullable String command,
    @Nullable List<String> args,
    @Nullable Map<String, String> env,
    @WireField(format = "uri", maxLength = 2048) @Nullable String url,
    @Nullable Map<String, String> headers,
    @JsonProperty("connect_timeout_seconds") @WireField(minimum = 1, maximum = 600) @Nullable
        Integer connectTimeoutSeconds,
    @JsonProperty("call_timeout_seconds") @WireField(minimum = 1, maximum = 3600) @Nullable
        Integer callTimeoutSeconds,
    @Nullable Map<String, String> tools,
    @JsonProperty("other_tools") @WireField(values = {"allow", "deny", "approval"}) @Nullable
        String otherTools) {}
