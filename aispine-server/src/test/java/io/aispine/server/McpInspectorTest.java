package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The MCP endpoint as a third-party client sees it: the official MCP Inspector CLI (npm) over
 * streamable HTTP lists the resources, fails a dispatch with a draft id and runs an approved one.
 */
class McpInspectorTest extends ServerTestBase {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void inspector_lists_resources_fails_a_draft_dispatch_and_creates_a_run_of_an_approved_id()
      throws Exception {
    InspectorCli.install();
    api.deploy(HELLO);
    api.deployDraft(HELLO.replace("1.0.0", "1.1.0"));
    String url = api.base() + "/mcp";

    InspectorCli.Outcome resources = InspectorCli.call(url, adminKey, "--method", "resources/list");
    InspectorCli.Outcome draft =
        InspectorCli.call(
            url,
            adminKey,
            "--method",
            "prompts/get",
            "--prompt-name",
            "orch_dispatch",
            "--prompt-args",
            "approved_id=hello@1.1.0");
    InspectorCli.Outcome created =
        InspectorCli.call(
            url,
            adminKey,
            "--method",
            "tools/call",
            "--tool-name",
            "create_run",
            "--tool-arg",
            "approved_id=hello@1.0.0",
            "inputs={\"name\":\"ada\"}");

    assertThat(resources.exitCode()).as(resources.toString()).isZero();
    assertThat(json(resources.out()).get("resources").findValuesAsText("uri"))
        .contains("ops://plan", "ops://approved", "ops://context");
    assertThat(draft.exitCode()).as(draft.toString()).isNotZero();
    assertThat(draft.out() + draft.err())
        .contains("hello@1.1.0 is a draft")
        .contains("approved flow versions only");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    String runId = json(created.out()).at("/structuredContent/run_id").asText();
    assertThat(runId).startsWith("ex_");
    assertThat(api.awaitFinished(runId).at("/outputs/message").asText()).isEqualTo("Hello, ada!");
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
