package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aispine.mcp.EverythingServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/mcp}: the allowlist admits servers, an added server's tools and status are shown,
 * and a deployed flow calls a tool of the real reference server through the server's engine.
 */
class McpRoutesTest extends ServerTestBase {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String TOOLS_FLOW =
      """
      id: tools
      version: 1.0.0
      inputs:
        text: {type: string, required: true}
      nodes:
        - id: say
          mcp: everything/echo
          with: {message: "${inputs.text}"}
        - id: sum
          mcp: everything/get-sum
          with: {a: 2, b: 40}
        - id: env
          mcp: everything/get-env
      outputs:
        said: "${nodes.say.output.text}"
        sum: "${nodes.sum.output.text}"
        env: "${nodes.env.output.text}"
      """;

  @Test
  void adds_an_allowlisted_server_shows_its_tools_and_runs_a_flow_that_calls_them()
      throws Exception {
    List<String> command = EverythingServer.stdioCommand();
    String body = stdioBody(command);

    Api.Answer refused = api.postJson("/api/v1/mcp/servers", body);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body()).contains("not on the allowlist").contains("aispine mcp allow");

    assertThat(api.putJson("/api/v1/secrets/MCP_PROBE", "{\"value\": \"from-the-vault\"}").status())
        .isEqualTo(201);
    Api.Answer allowed =
        api.postJson("/api/v1/mcp/allowlist", "{\"entry\": \"" + command.get(0) + "\"}");
    assertThat(allowed.status()).as(allowed.toString()).isEqualTo(201);
    Api.Answer added = api.postJson("/api/v1/mcp/servers", body);
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    assertThat(added.json().get("transport").asText()).isEqualTo("stdio");
    assertThat(added.json().at("/tools/echo").asText()).isEqualTo("allow");

    Api.Answer tools = api.get("/api/v1/mcp/servers/everything/tools");
    assertThat(tools.status()).as(tools.toString()).isEqualTo(200);
    assertThat(tools.json().findValuesAsText("name")).contains("echo", "get-sum");
    Api.Answer test = api.post("/api/v1/mcp/servers/everything/test");
    assertThat(test.json().get("status").asText()).as(test.toString()).isEqualTo("ok");
    Api.Answer shown = api.get("/api/v1/mcp/servers/everything");
    assertThat(shown.json().at("/status/connected").asBoolean()).isTrue();
    assertThat(shown.json().at("/status/tool_count").asInt()).isGreaterThan(2);

    api.deploy(TOOLS_FLOW);
    var done = api.awaitFinished(api.start("tools", "{\"text\": \"hi from the API\"}"));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.at("/outputs/said").asText()).isEqualTo("Echo: hi from the API");
    assertThat(done.at("/outputs/sum").asText()).contains("42");
    // the server process got the secret's value from the workspace's vault, not the placeholder
    assertThat(done.at("/outputs/env").asText()).contains("from-the-vault");
    assertThat(shown.body()).contains("MCP_PROBE").doesNotContain("from-the-vault");

    assertThat(Api.send(api.request("/api/v1/mcp/servers/everything").DELETE().build()).status())
        .isEqualTo(204);
    assertThat(api.get("/api/v1/mcp/servers/everything").status()).isEqualTo(404);
  }

  @Test
  void refuses_a_server_without_transport_or_with_a_bad_permission_naming_the_field() {
    Api.Answer noTransport =
        api.postJson("/api/v1/mcp/servers", "{\"name\": \"x\", \"command\": \"/bin/true\"}");
    assertThat(noTransport.status()).as(noTransport.toString()).isEqualTo(400);
    assertThat(noTransport.body()).contains("transport");
    Api.Answer badPermission =
        api.postJson(
            "/api/v1/mcp/servers",
            "{\"name\": \"x\", \"transport\": \"stdio\", \"command\": \"/bin/true\","
                + " \"tools\": {\"echo\": \"maybe\"}}");
    assertThat(badPermission.status()).as(badPermission.toString()).isEqualTo(400);
    assertThat(badPermission.body()).contains("/tools/echo").contains("allow, deny or approval");
  }

  private static String stdioBody(List<String> command) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", "everything");
    body.put("transport", "stdio");
    body.put("command", command.get(0));
    command.subList(1, command.size()).forEach(body.putArray("args")::add);
    body.putObject("env").put("MCP_PROBE", "${secrets.MCP_PROBE}");
    body.putObject("tools").put("echo", "allow");
    return JSON.writeValueAsString(body);
  }
}
