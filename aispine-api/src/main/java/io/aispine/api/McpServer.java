package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An MCP server of the workspace, as the API shows it: the names of its env variables and headers,
 * never their values (they may hold credentials), with what is known of its session now.
 *
 * @param tools the permission of the tools named in its policy ({@code allow}, {@code deny}, {@code
 *     approval})
 * @param otherTools the permission of every other tool
 */
public record McpServer(
    String name,
    @WireField(values = {"stdio", "http"}) String transport,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String command,
    List<String> args,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String url,
    @JsonProperty("env_names") List<String> envNames,
    @JsonProperty("header_names") List<String> headerNames,
    @JsonProperty("connect_timeout_seconds") long connectTimeoutSeconds,
    @JsonProperty("call_timeout_seconds") long callTimeoutSeconds,
    Map<String, String> tools,
    @JsonProperty("other_tools") @WireField(values = {"allow", "deny", "approval"})
        String otherTools,
    McpServerStatus status,
    @JsonProperty("created_at") Instant createdAt) {}
