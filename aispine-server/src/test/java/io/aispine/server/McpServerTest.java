package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AI Spine as an MCP server over real streamable HTTP, driven by the official SDK's client: every
 * prompt, tool and resource reaches approved flow versions only, with the API's keys, roles and
 * workspaces.
 */
class McpServerTest extends ServerTestBase {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DRAFT_MARK = "UNREVIEWED-DRAFT-TEXT";
  private static final String DRAFT = "hello@1.1.0";
  private static final String APPROVED = "hello@1.0.0";

  private McpSyncClient mcp;

  @BeforeEach
  void flows() {
    assertThat(api.deploy(HELLO).status()).isEqualTo(201);
    String draft = HELLO.replace("1.0.0", "1.1.0").replace("Says hello", DRAFT_MARK);
    assertThat(api.deployDraft(draft).status()).isEqualTo(201);
    assertThat(api.deployDraft(HELLO.replace("id: hello", "id: unreviewed")).status())
        .isEqualTo(201);
    mcp = McpClients.connect(server.port(), adminKey);
  }

  @AfterEach
  void disconnect() {
    if (mcp != null) {
      mcp.close();
    }
  }

  @Test
  void lists_the_ops_resources_the_dispatch_prompts_and_the_run_tools() {
    List<String> resources =
        mcp.listResources().resources().stream().map(McpSchema.Resource::uri).toList();
    List<String> templates =
        mcp.listResourceTemplates().resourceTemplates().stream()
            .map(McpSchema.ResourceTemplate::uriTemplate)
            .toList();
    List<String> prompts =
        mcp.listPrompts().prompts().stream().map(McpSchema.Prompt::name).toList();
    List<String> tools = mcp.listTools().tools().stream().map(McpSchema.Tool::name).toList();

    assertThat(resources)
        .containsExactlyInAnyOrder("ops://plan", "ops://approved", "ops://context");
    assertThat(templates).containsExactlyInAnyOrder("ops://approved/{id}", "ops://runs/{id}");
    assertThat(prompts)
        .containsExactlyInAnyOrder("orch_dispatch", "sub_dispatch", "editp_dispatch");
    assertThat(tools).containsExactlyInAnyOrder("create_run", "get_run_status", "run_flow");
  }

  @Test
  void the_plan_names_drafts_without_their_content_and_approved_lists_approved_versions_only() {
    String plan = read("ops://plan");
    String approved = read("ops://approved");
    String context = read("ops://context");
    String one = read("ops://approved/" + APPROVED);

    assertThat(json(plan).get("approved")).extracting(JsonNode::asText).containsExactly(APPROVED);
    assertThat(json(plan).get("pending_review"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder(DRAFT, "unreviewed@1.0.0");
    assertThat(approved).contains(APPROVED).doesNotContain("1.1.0").doesNotContain("unreviewed");
    assertThat(plan + approved + context + one).doesNotContain(DRAFT_MARK);
    assertThat(json(context).get("role").asText()).isEqualTo("owner");
    assertThat(json(context).get("pending_review").asInt()).isEqualTo(2);
    assertThat(json(one).get("source").asText()).contains("agent: echo");
  }

  @Test
  void every_prompt_tool_and_resource_refuses_a_draft_id_naming_the_reason() {
    Map<String, Supplier<Object>> entryPoints = new LinkedHashMap<>();
    entryPoints.put("resource ops://approved/{id}", () -> read("ops://approved/" + DRAFT));
    entryPoints.put("prompt orch_dispatch", () -> prompt("orch_dispatch", Map.of()));
    entryPoints.put("prompt sub_dispatch", () -> prompt("sub_dispatch", Map.of("agent", "echo")));
    entryPoints.put(
        "prompt editp_dispatch", () -> prompt("editp_dispatch", Map.of("file", "hello.yaml")));
    entryPoints.put("tool create_run", () -> call("create_run", Map.of("approved_id", DRAFT)));
    entryPoints.put("tool run_flow (flow@version)", () -> call("run_flow", Map.of("flow", DRAFT)));
    entryPoints.put(
        "tool run_flow (a flow with drafts only)",
        () -> call("run_flow", Map.of("flow", "unreviewed")));

    List<String> refused = new ArrayList<>();
    entryPoints.forEach(
        (name, entryPoint) -> {
          McpError error = catchThrowableOfType(McpError.class, entryPoint::get);
          assertThat(error).as(name + " must refuse a draft").isNotNull();
          assertThat(error.getMessage())
              .as(name)
              .contains("draft")
              .contains("approved flow versions only")
              .contains("aispine flow approve")
              .doesNotContain(DRAFT_MARK);
          assertThat(error.getJsonRpcError().data()).as(name).isEqualTo(Map.of("reason", "draft"));
          refused.add(name);
        });
    McpError runStatus =
        catchThrowableOfType(McpError.class, () -> call("get_run_status", Map.of("run_id", DRAFT)));

    assertThat(refused).hasSize(entryPoints.size());
    assertThat(runStatus.getMessage()).contains("no run 'hello@1.1.0'");
    assertThat(api.get("/api/v1/executions").json().get("items")).isEmpty();
  }

  @Test
  void create_run_starts_an_approved_version_and_get_run_status_follows_it_to_its_outputs() {
    JsonNode created =
        structured(
            call("create_run", Map.of("approved_id", APPROVED, "inputs", Map.of("name", "ada"))));
    String runId = created.get("run_id").asText();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                structured(call("get_run_status", Map.of("run_id", runId)))
                    .get("status")
                    .asText()
                    .equals("succeeded"));
    JsonNode status = structured(call("get_run_status", Map.of("run_id", runId)));
    JsonNode viaRunFlow =
        structured(call("run_flow", Map.of("flow", "hello", "inputs", Map.of("name", "bo"))));
    JsonNode resource = json(read("ops://runs/" + runId));
    String orchestrate = prompt("orch_dispatch", Map.of("approved_id", APPROVED));
    String subAgent = prompt("sub_dispatch", Map.of("approved_id", APPROVED, "agent", "echo"));

    assertThat(created.get("approved_id").asText()).isEqualTo(APPROVED);
    assertThat(status.at("/outputs/message").asText()).isEqualTo("Hello, ada!");
    assertThat(viaRunFlow.get("status").asText()).isEqualTo("succeeded");
    assertThat(viaRunFlow.at("/outputs/message").asText()).isEqualTo("Hello, bo!");
    assertThat(viaRunFlow.get("version").asText()).isEqualTo("1.0.0");
    assertThat(resource.get("id").asText()).isEqualTo(runId);
    assertThat(orchestrate).contains("create_run").contains(APPROVED).contains("greet");
    assertThat(subAgent).contains("node greet").contains("Hello, ${inputs.name}!");
    assertThat(api.get("/api/v1/audit?action=execution.start").body()).contains("mcp");
  }

  @Test
  void a_viewer_reads_but_cannot_start_runs_and_another_workspace_sees_nothing_of_this_one() {
    String runId = api.start("hello", "{\"name\": \"ada\"}");
    String viewer = createKey(adminKey, null, "viewer");
    assertThat(api.postJson("/api/v1/workspaces", "{\"id\": \"acme\"}").status()).isEqualTo(201);
    String acmeAdmin = createKey(adminKey, "acme", "admin");

    McpError refusedStart;
    String viewerPlan;
    try (McpSyncClient asViewer = McpClients.connect(server.port(), viewer)) {
      viewerPlan = text(asViewer.readResource(new McpSchema.ReadResourceRequest("ops://plan")));
      refusedStart =
          catchThrowableOfType(
              McpError.class,
              () ->
                  asViewer.callTool(
                      new McpSchema.CallToolRequest(
                          "create_run", Map.of("approved_id", APPROVED))));
    }
    McpError foreignRun;
    McpError foreignFlow;
    String foreignPlan;
    try (McpSyncClient asAcme = McpClients.connect(server.port(), acmeAdmin)) {
      foreignPlan = text(asAcme.readResource(new McpSchema.ReadResourceRequest("ops://plan")));
      foreignRun =
          catchThrowableOfType(
              McpError.class,
              () -> asAcme.readResource(new McpSchema.ReadResourceRequest("ops://runs/" + runId)));
      foreignFlow =
          catchThrowableOfType(
              McpError.class,
              () ->
                  asAcme.callTool(
                      new McpSchema.CallToolRequest(
                          "create_run", Map.of("approved_id", APPROVED))));
    }

    assertThat(json(viewerPlan).get("approved")).extracting(JsonNode::asText).contains(APPROVED);
    assertThat(refusedStart.getMessage())
        .contains("create_run needs a key with role operator")
        .contains("is viewer");
    assertThat(json(foreignPlan).get("approved")).isEmpty();
    assertThat(json(foreignPlan).get("pending_review")).isEmpty();
    assertThat(foreignRun.getMessage()).contains("no run '" + runId + "' in this workspace");
    assertThat(foreignFlow.getMessage())
        .contains("no flow version 'hello@1.0.0' in this workspace");
    assertThat(foreignFlow.getJsonRpcError().data()).isEqualTo(Map.of("reason", "not_found"));
  }

  @Test
  void a_run_started_through_mcp_is_audited_in_the_callers_workspace() {
    assertThat(api.postJson("/api/v1/workspaces", "{\"id\": \"acme\"}").status()).isEqualTo(201);
    Api acme = new Api(server.port(), createKey(adminKey, "acme", "admin"));
    assertThat(acme.deploy(HELLO.replace("id: hello", "id: greet")).status()).isEqualTo(201);

    try (McpSyncClient asAcme = McpClients.connect(server.port(), acme.key())) {
      McpSchema.CallToolResult run =
          asAcme.callTool(
              new McpSchema.CallToolRequest(
                  "create_run",
                  Map.of("approved_id", "greet@1.0.0", "inputs", Map.of("name", "ada"))));
      assertThat(run.isError()).as(run.content().toString()).isNotEqualTo(Boolean.TRUE);
    }

    // the workspace's admin reads its own audit log: the MCP start is there, not in 'default'
    assertThat(acme.get("/api/v1/audit?action=execution.start").body()).contains("mcp");
  }

  @Test
  void refuses_a_request_without_a_key_with_a_401_problem() {
    Api.Answer answer =
        Api.send(
            HttpRequest.newBuilder(URI.create(api.base() + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                .build());

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
  }

  private String read(String uri) {
    return text(mcp.readResource(new McpSchema.ReadResourceRequest(uri)));
  }

  private String prompt(String name, Map<String, Object> arguments) {
    Map<String, Object> withId = new LinkedHashMap<>(Map.of("approved_id", DRAFT));
    withId.putAll(arguments);
    var result = mcp.getPrompt(new McpSchema.GetPromptRequest(name, withId));
    return ((McpSchema.TextContent) result.messages().getFirst().content()).text();
  }

  private McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
    McpSchema.CallToolResult result = mcp.callTool(new McpSchema.CallToolRequest(tool, arguments));
    assertThat(result.isError()).as(tool + ": " + result.content()).isNotEqualTo(Boolean.TRUE);
    return result;
  }

  private static String text(McpSchema.ReadResourceResult result) {
    return ((McpSchema.TextResourceContents) result.contents().getFirst()).text();
  }

  private static JsonNode structured(McpSchema.CallToolResult result) {
    return JSON.valueToTree(result.structuredContent());
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(text, e);
    }
  }

  private String createKey(String admin, String workspace, String role) {
    String body =
        "{\"name\": \""
            + role
            + "\", \"role\": \""
            + role
            + "\""
            + (workspace == null ? "" : ", \"workspace\": \"" + workspace + "\"")
            + "}";
    Api.Answer created = new Api(server.port(), admin).postJson("/api/v1/keys", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("key").asText();
  }
}
