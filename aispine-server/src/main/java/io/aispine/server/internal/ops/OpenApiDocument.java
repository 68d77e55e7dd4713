package io.aispine.server.internal.ops;

import io.aispine.api.ApiSchemas;
import io.aispine.api.Problem;
import io.aispine.server.internal.auth.Role;
import io.aispine.server.internal.auth.RouteRoles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 description of the server: its operations, built in code next to the routes so
 * that a test can hold the two in step (every registered route must appear here), and its schemas,
 * generated from the wire records of {@code io.aispine.api} ({@link ApiSchemas}) that the routes
 * answer with.
 */
public final class OpenApiDocument {

  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

  /**
   * The operation member that names the least role a key needs ({@code viewer}, {@code operator},
   * {@code admin}, {@code owner}), read from {@link RouteRoles}.
   */
  public static final String ROLE_EXTENSION = "x-aispine-role";

  private final Map<String, Object> paths = new LinkedHashMap<>();

  private OpenApiDocument() {}

  /**
   * The document for server version {@code version}; {@code metricsNeedKey} says whether {@code
   * /metrics} asks for an API key on this server.
   */
  public static Map<String, Object> build(String version, boolean metricsNeedKey) {
    var doc = new OpenApiDocument();
    doc.operations();
    if (metricsNeedKey) {
      doc.guardMetrics();
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("openapi", "3.1.0");
    root.put(
        "info",
        Map.of(
            "title",
            "AI Spine REST API",
            "version",
            version,
            "description",
            "Durable orchestrator for AI agents. Human reference: docs/api.md."));
    root.put("servers", List.of(Map.of("url", "/")));
    root.put("security", List.of(Map.of("bearer", List.of())));
    root.put("paths", doc.paths);
    root.put("components", components());
    return root;
  }

  private void operations() {
    String yaml = "application/yaml";
    String json = "application/json";
    op(
        "post",
        "/api/v1/flows",
        "Deploy a flow version",
        "flows",
        yaml,
        ref("FlowVersion"),
        201,
        200,
        400,
        403,
        409,
        413,
        415,
        422);
    query(
        "/api/v1/flows",
        "post",
        "approve",
        "boolean",
        "Also approve the new draft: only where authors may approve their own drafts (a local"
            + " development server), else 403");
    op(
        "get",
        "/api/v1/flows",
        "Latest version of every flow",
        "flows",
        null,
        list("FlowSummary"),
        200);
    op(
        "get",
        "/api/v1/flows/{id}",
        "The latest version of a flow",
        "flows",
        null,
        ref("FlowVersion"),
        200,
        404);
    op(
        "get",
        "/api/v1/flows/{id}/versions",
        "Every version of a flow, oldest first",
        "flows",
        null,
        list("FlowSummary"),
        200,
        404);
    op(
        "get",
        "/api/v1/flows/{id}/versions/{version}",
        "One flow version",
        "flows",
        null,
        ref("FlowVersion"),
        200,
        404);
    op(
        "post",
        "/api/v1/flows/{id}/executions",
        "Start an execution of an approved version (the newest approved one when none is named);"
            + " a draft or rejected version is a 409",
        "executions",
        json,
        ref("Execution"),
        202,
        400,
        404,
        409,
        413,
        415,
        422);
    op(
        "get",
        "/api/v1/executions",
        "Executions, newest first",
        "executions",
        null,
        page("ExecutionSummary"),
        200,
        400);
    query("/api/v1/executions", "get", "flow", "string", "Only executions of this flow");
    query(
        "/api/v1/executions",
        "get",
        "status",
        "string",
        "running, succeeded, failed or cancelled; repeatable");
    query("/api/v1/executions", "get", "since", "string", "Created at or after (RFC 3339)");
    query("/api/v1/executions", "get", "until", "string", "Created before (RFC 3339)");
    query("/api/v1/executions", "get", "replay_of", "string", "Only the replays of this execution");
    pageParams("/api/v1/executions", "get");
    op(
        "get",
        "/api/v1/executions/{id}",
        "One execution",
        "executions",
        null,
        ref("Execution"),
        200,
        404);
    op(
        "get",
        "/api/v1/executions/{id}/events",
        "An execution's history",
        "executions",
        null,
        page("Event"),
        200,
        400,
        404);
    query(
        "/api/v1/executions/{id}/events",
        "get",
        "after",
        "integer",
        "Events after this sequence number");
    pageParams("/api/v1/executions/{id}/events", "get");
    op(
        "post",
        "/api/v1/executions/{id}/cancel",
        "Cancel a running execution",
        "executions",
        null,
        ref("Execution"),
        202,
        404,
        409);
    op(
        "post",
        "/api/v1/executions/{id}/retry",
        "Re-run the failed nodes of a failed execution (and what they skipped)",
        "executions",
        null,
        ref("Execution"),
        202,
        404,
        409);
    op(
        "post",
        "/api/v1/executions/{id}/replay",
        "Replay a finished execution from a node as a new execution, reusing what came before",
        "executions",
        json,
        ref("Execution"),
        202,
        400,
        404,
        409,
        413,
        415,
        422);
    op(
        "get",
        "/api/v1/executions/{id}/stream",
        "Server-sent events of one execution",
        "events",
        null,
        null,
        200,
        400,
        404);
    op(
        "get",
        "/api/v1/events/stream",
        "Server-sent events of every execution",
        "events",
        null,
        null,
        200,
        400);
    op(
        "post",
        "/api/v1/agents",
        "Register an HTTP agent version",
        "agents",
        json,
        ref("Agent"),
        201,
        200,
        400,
        409,
        413,
        415);
    op(
        "get",
        "/api/v1/agents",
        "Built-in and registered agents",
        "agents",
        null,
        list("Agent"),
        200);
    op(
        "get",
        "/api/v1/agents/{name}",
        "One agent with its versions",
        "agents",
        null,
        ref("Agent"),
        200,
        404);
    op(
        "get",
        "/api/v1/agents/{name}/versions/{version}",
        "One agent version: manifest, deprecation, health and circuit",
        "agents",
        null,
        ref("AgentVersion"),
        200,
        404);
    op(
        "post",
        "/api/v1/agents/{name}/versions/{version}/deprecate",
        "Deprecate an agent version: new executions prefer other matching versions",
        "agents",
        json,
        ref("AgentVersion"),
        200,
        400,
        404,
        409);
    op(
        "post",
        "/api/v1/agents/{name}/versions/{version}/undeprecate",
        "Lift an agent version's deprecation",
        "agents",
        null,
        ref("AgentVersion"),
        200,
        404,
        409);
    op(
        "post",
        "/api/v1/agents/{name}/health-check",
        "Check an agent's health now",
        "agents",
        null,
        ref("HealthCheck"),
        200,
        404);
    query(
        "/api/v1/agents/{name}/health-check",
        "post",
        "version",
        "string",
        "The version to check; the highest when absent");
    op(
        "post",
        "/api/v1/agents/{name}/circuit/reset",
        "Close an agent version's circuit and forget its failures",
        "agents",
        null,
        ref("CircuitReset"),
        200,
        404);
    query(
        "/api/v1/agents/{name}/circuit/reset",
        "post",
        "version",
        "string",
        "The version whose circuit to reset; the highest when absent");
    approvals(json);
    agentControls(json);
    gate(json);
    secrets(json);
    keysAndWorkspaces(json);
    providers(json);
    costs(json);
    audit();
    triggers();
    webhooks(json);
    publicOp("/health", "Liveness", Map.of("type", "object"));
    publicOp("/ready", "Readiness: the store answers", Map.of("type", "object"));
    publicOp("/metrics", "Prometheus metrics", null);
    publicOp("/openapi.json", "This document", Map.of("type", "object"));
    whatsAppWebhook();
    triggerWebhook();
  }

  /**
   * The WhatsApp Cloud API webhook: Meta's verification handshake and its signed deliveries (no API
   * key: deliveries are authenticated by {@code X-Hub-Signature-256}).
   */
  private void whatsAppWebhook() {
    String path = "/webhooks/whatsapp";
    Map<String, Object> problem = Map.of("$ref", "#/components/responses/Problem");
    Map<String, Object> verify = new LinkedHashMap<>();
    verify.put("summary", "WhatsApp webhook verification: echoes hub.challenge");
    verify.put("tags", List.of("channels"));
    verify.put("operationId", "get_webhooks_whatsapp");
    verify.put("security", List.of());
    verify.put(
        "parameters",
        List.of(
            queryParameter("hub.mode", "subscribe"),
            queryParameter("hub.verify_token", "the configured verify token"),
            queryParameter("hub.challenge", "echoed back when the token matches")));
    Map<String, Object> verified = new LinkedHashMap<>();
    verified.put(
        "200",
        Map.of(
            "description",
            "The challenge",
            "content",
            Map.of("text/plain", Map.of("schema", Map.of("type", "string")))));
    verified.put("400", problem);
    verified.put("403", problem);
    verified.put("404", problem);
    verify.put("responses", verified);
    pathItem(path).put("get", verify);
    Map<String, Object> deliver = new LinkedHashMap<>();
    deliver.put("summary", "WhatsApp webhook delivery, signed with X-Hub-Signature-256");
    deliver.put("tags", List.of("channels"));
    deliver.put("operationId", "post_webhooks_whatsapp");
    deliver.put("security", List.of());
    deliver.put(
        "parameters",
        List.of(
            Map.of(
                "name",
                "X-Hub-Signature-256",
                "in",
                "header",
                "required",
                true,
                "description",
                "sha256=<hex HMAC-SHA256 of the raw body with the app secret>",
                "schema",
                Map.of("type", "string"))));
    deliver.put(
        "requestBody",
        Map.of(
            "required",
            true,
            "content",
            Map.of("application/json", Map.of("schema", Map.of("type", "object")))));
    Map<String, Object> delivered = new LinkedHashMap<>();
    delivered.put(
        "200",
        Map.of(
            "description",
            "Recorded (new messages) or recognised (redeliveries)",
            "content",
            Map.of(
                "application/json",
                Map.of(
                    "schema",
                    Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of(
                            "received", Map.of("type", "integer"),
                            "duplicates", Map.of("type", "integer")))))));
    delivered.put("400", problem);
    delivered.put("401", problem);
    delivered.put("404", problem);
    delivered.put("503", problem);
    deliver.put("responses", delivered);
    pathItem(path).put("post", deliver);
  }

  private static Map<String, Object> queryParameter(String name, String description) {
    return Map.of(
        "name",
        name,
        "in",
        "query",
        "required",
        true,
        "description",
        description,
        "schema",
        Map.of("type", "string"));
  }

  private void op(
      String method,
      String path,
      String summary,
      String tag,
      String requestType,
      Map<String, Object> schema,
      int... statuses) {
    Map<String, Object> operation = new LinkedHashMap<>();
    operation.put("summary", summary);
    operation.put("tags", List.of(tag));
    operation.put(
        "operationId",
        method + path.replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "_").replaceAll("_$", ""));
    List<Object> parameters = new ArrayList<>();
    Matcher m = PATH_PARAM.matcher(path);
    while (m.find()) {
      parameters.add(
          Map.of(
              "name",
              m.group(1),
              "in",
              "path",
              "required",
              true,
              "schema",
              Map.of("type", "string")));
    }
    if (path.endsWith("/stream")) {
      parameters.add(
          Map.of(
              "name", "Last-Event-ID",
              "in", "header",
              "required", false,
              "description", "Resume after this event id",
              "schema", Map.of("type", "string")));
    }
    operation.put("parameters", parameters);
    if (requestType != null) {
      Map<String, Object> body =
          requestType.equals("application/yaml")
              ? Map.of("type", "string", "description", "The flow YAML")
              : ref(requestSchema(path));
      operation.put(
          "requestBody",
          Map.of(
              "required",
              !path.endsWith("/executions")
                  && !isAnswer(path)
                  && !path.endsWith("/deprecate")
                  && !path.endsWith("/redeliver"),
              "content",
              Map.of(requestType, Map.of("schema", body))));
    }
    Map<String, Object> responses = new LinkedHashMap<>();
    for (int status : statuses) {
      if (status == 204) {
        responses.put("204", Map.of("description", "No Content"));
      } else if (status < 300) {
        Map<String, Object> content =
            schema == null
                ? Map.of("text/event-stream", Map.of("schema", Map.of("type", "string")))
                : Map.of("application/json", Map.of("schema", schema));
        responses.put(
            Integer.toString(status), Map.of("description", describe(status), "content", content));
      } else {
        responses.put(Integer.toString(status), Map.of("$ref", "#/components/responses/Problem"));
      }
    }
    responses.put("401", Map.of("$ref", "#/components/responses/Problem"));
    responses.putIfAbsent("403", Map.of("$ref", "#/components/responses/Problem"));
    responses.put("429", Map.of("$ref", "#/components/responses/Problem"));
    if (!method.equals("get") && !path.equals("/api/v1/panic") && !path.endsWith("/cancel")) {
      // panic mode refuses every mutation but switching it and cancelling
      responses.put("423", Map.of("$ref", "#/components/responses/Problem"));
    }
    operation.put("responses", responses);
    Role role =
        RouteRoles.of(method.toUpperCase(java.util.Locale.ROOT), path)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        method + " " + path + " has no least role in RouteRoles: add it there"));
    operation.put(ROLE_EXTENSION, role.wireName());
    pathItem(path).put(method, operation);
  }

  private static String requestSchema(String path) {
    if (path.equals("/api/v1/panic")) {
      return "PanicRequest";
    }
    if (path.startsWith("/api/v1/flows/") && path.endsWith("/reject")) {
      return "RejectFlowRequest";
    }
    if (path.startsWith("/api/v1/providers/")) {
      return "ProviderRequest";
    }
    if (path.equals("/api/v1/budgets")) {
      return "BudgetRequest";
    }
    if (path.endsWith("/executions")) {
      return "StartRequest";
    }
    if (path.endsWith("/replay")) {
      return "ReplayRequest";
    }
    if (path.endsWith("/limits")) {
      return "AgentLimitsRequest";
    }
    if (path.endsWith("/deprecate")) {
      return "DeprecateRequest";
    }
    if (path.startsWith("/api/v1/secrets/")) {
      return "SecretValue";
    }
    if (path.equals("/api/v1/webhooks")) {
      return "WebhookRequest";
    }
    if (path.endsWith("/redeliver")) {
      return "RedeliverRequest";
    }
    if (path.equals("/api/v1/keys")) {
      return "CreateKeyRequest";
    }
    if (path.equals("/api/v1/workspaces")) {
      return "CreateWorkspaceRequest";
    }
    if (path.endsWith("/quota")) {
      return "QuotaRequest";
    }
    return isAnswer(path) ? "AnswerRequest" : "RegisterAgent";
  }

  private static boolean isAnswer(String path) {
    return path.startsWith("/api/v1/approvals/");
  }

  private void approvals(String json) {
    op(
        "get",
        "/api/v1/approvals",
        "Approvals, newest first",
        "approvals",
        null,
        page("Approval"),
        200,
        400);
    query(
        "/api/v1/approvals",
        "get",
        "status",
        "string",
        "pending, approved, rejected, expired or cancelled; repeatable or comma-separated");
    query("/api/v1/approvals", "get", "execution", "string", "Only approvals of this execution");
    pageParams("/api/v1/approvals", "get");
    op(
        "get",
        "/api/v1/approvals/{id}",
        "One approval",
        "approvals",
        null,
        ref("Approval"),
        200,
        404);
    for (String verb : List.of("approve", "reject")) {
      op(
          "post",
          "/api/v1/approvals/{id}/" + verb,
          (verb.equals("approve") ? "Approve" : "Reject")
              + " a pending approval (a key whose role is one of its approvers, or admin)",
          "approvals",
          json,
          ref("Approval"),
          200,
          400,
          403,
          404,
          409,
          413,
          415);
    }
  }

  /** Approving, rejecting and comparing flow versions, and panic mode. */
  private void gate(String json) {
    String version = "/api/v1/flows/{id}/versions/{version}";
    op(
        "post",
        version + "/approve",
        "Approve a draft (admin; under four eyes not its author); answers with the diff against"
            + " the last approved version",
        "flows",
        null,
        ref("FlowDecision"),
        200,
        403,
        404,
        409);
    op(
        "post",
        version + "/reject",
        "Reject a draft, or withdraw an approval, with a reason (admin)",
        "flows",
        json,
        ref("FlowDecision"),
        200,
        400,
        403,
        404,
        409,
        413,
        415);
    op(
        "get",
        version + "/diff",
        "What a version changes against the last approved one (or ?against=VERSION)",
        "flows",
        null,
        ref("FlowDiff"),
        200,
        400,
        404);
    query(version + "/diff", "get", "against", "string", "The version to compare with");
    op(
        "get",
        "/api/v1/panic",
        "Whether panic mode is on",
        "operations",
        null,
        ref("PanicStatus"),
        200);
    op(
        "put",
        "/api/v1/panic",
        "Switch panic mode on (freeze every mutation and new run; reads and cancels still work)"
            + " or off (admin)",
        "operations",
        json,
        ref("PanicStatus"),
        200,
        400,
        403,
        413,
        415);
  }

  /** The model providers of the workspace. */
  private void providers(String json) {
    op(
        "get",
        "/api/v1/providers",
        "The model providers of the workspace (keys are never shown)",
        "providers",
        null,
        list("ModelProvider"),
        200,
        400);
    op(
        "get",
        "/api/v1/providers/{name}",
        "One model provider",
        "providers",
        null,
        ref("ModelProvider"),
        200,
        404);
    op(
        "put",
        "/api/v1/providers/{name}",
        "Add a model provider or change one (api_key is write-only; absent keeps the old one)",
        "providers",
        json,
        ref("ModelProvider"),
        200,
        201,
        400,
        413,
        415);
    op(
        "delete",
        "/api/v1/providers/{name}",
        "Remove a model provider",
        "providers",
        null,
        null,
        204,
        404);
    op(
        "post",
        "/api/v1/providers/{name}/default",
        "Make a provider the one llm nodes use when they name none",
        "providers",
        null,
        ref("ModelProvider"),
        200,
        404);
    op(
        "post",
        "/api/v1/providers/{name}/test",
        "Check that a provider answers (lists its models; spends no tokens)",
        "providers",
        null,
        ref("ProviderCheck"),
        200,
        404);
  }

  /** Model costs and budgets. */
  private void costs(String json) {
    op(
        "get",
        "/api/v1/costs",
        "Tokens and cost of model calls, grouped",
        "costs",
        null,
        ref("Costs"),
        200,
        400);
    query(
        "/api/v1/costs",
        "get",
        "group_by",
        "string",
        "execution, node, agent, flow, model (default), provider, day or week");
    query("/api/v1/costs", "get", "from", "string", "RFC 3339 time, inclusive");
    query("/api/v1/costs", "get", "to", "string", "RFC 3339 time, exclusive");
    query("/api/v1/costs", "get", "execution", "string", "Only this execution's calls");
    query("/api/v1/costs", "get", "flow", "string", "Only this flow's calls");
    op(
        "get",
        "/api/v1/budgets",
        "The budgets of the workspace and its flows, with what each window spent",
        "costs",
        null,
        list("Budget"),
        200,
        400);
    op(
        "put",
        "/api/v1/budgets",
        "Set a daily or monthly budget of the workspace or of one flow",
        "costs",
        json,
        ref("Budget"),
        200,
        400,
        413,
        415);
    op("delete", "/api/v1/budgets", "Remove a budget", "costs", null, null, 204, 400, 404);
    query("/api/v1/budgets", "delete", "flow", "string", "The flow; the workspace when absent");
    query("/api/v1/budgets", "delete", "period", "string", "daily or monthly");
  }

  /** The audit log. */
  private void audit() {
    op(
        "get",
        "/api/v1/audit",
        "The audit log, oldest first: every mutation and refused request (admin keys only)",
        "audit",
        null,
        page("AuditEntry"),
        200,
        400,
        403);
    query("/api/v1/audit", "get", "since", "string", "Only entries recorded at or after this time");
    query("/api/v1/audit", "get", "action", "string", "Only this action, e.g. execution.start");
    query("/api/v1/audit", "get", "outcome", "string", "ok, refused or error");
    pageParams("/api/v1/audit", "get");
    op(
        "get",
        "/api/v1/audit/verify",
        "The audit log's hash chain checked from its first entry: intact, or the first broken"
            + " entry and what is wrong with it (admin keys only)",
        "verifyAudit",
        null,
        ref("AuditVerification"),
        200,
        403);
  }

  /** Triggers of the workspace's approved flows: list, upcoming fires, pause and resume. */
  private void triggers() {
    op(
        "get",
        "/api/v1/triggers",
        "The triggers in force: those of each flow's newest approved version",
        "triggers",
        null,
        list("TriggerInfo"),
        200,
        400);
    query("/api/v1/triggers", "get", "flow", "string", "Only this flow's triggers");
    query("/api/v1/triggers", "get", "kind", "string", "schedule, webhook or event");
    op(
        "get",
        "/api/v1/triggers/{name}",
        "One trigger, named <flow>.<trigger>",
        "triggers",
        null,
        ref("TriggerInfo"),
        200,
        400,
        404);
    op(
        "get",
        "/api/v1/triggers/{name}/next",
        "A schedule's upcoming fire instants (empty while paused)",
        "triggers",
        null,
        ref("TriggerFires"),
        200,
        400,
        404,
        409);
    query("/api/v1/triggers/{name}/next", "get", "count", "integer", "1 to 100, default 5");
    op(
        "post",
        "/api/v1/triggers/{name}/pause",
        "Pause a trigger: it fires nothing until resumed",
        "triggers",
        null,
        ref("TriggerInfo"),
        200,
        400,
        404);
    op(
        "post",
        "/api/v1/triggers/{name}/resume",
        "Resume a trigger; a schedule goes on from its next fire after now (fires due while"
            + " paused are dropped)",
        "triggers",
        null,
        ref("TriggerInfo"),
        200,
        400,
        404);
  }

  /** Inbound webhook triggers: signed deliveries start a flow. */
  private void triggerWebhook() {
    Map<String, Object> problem = Map.of("$ref", "#/components/responses/Problem");
    Map<String, Object> deliver = new LinkedHashMap<>();
    deliver.put(
        "summary",
        "A webhook trigger's delivery, signed by Standard Webhooks (webhook-id, webhook-timestamp,"
            + " webhook-signature) or GitHub's X-Hub-Signature-256, as the trigger declares");
    deliver.put("tags", List.of("triggers"));
    deliver.put("operationId", "post_hooks_workspace_trigger");
    deliver.put("security", List.of());
    List<Object> parameters = new ArrayList<>();
    for (String name : List.of("workspace", "trigger")) {
      parameters.add(
          Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
    }
    deliver.put("parameters", parameters);
    deliver.put(
        "requestBody",
        Map.of(
            "required", true, "content", Map.of("application/json", Map.of("schema", Map.of()))));
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put(
        "202",
        Map.of(
            "description",
            "Accepted: the delivery's execution (started now, or by an earlier delivery with the"
                + " same idempotency key)",
            "content",
            Map.of("application/json", Map.of("schema", ref("WebhookAccepted")))));
    for (String status : List.of("400", "401", "404", "409", "423", "503")) {
      responses.put(status, problem);
    }
    deliver.put("responses", responses);
    pathItem("/hooks/{workspace}/{trigger}").put("post", deliver);
  }

  /** Limits, drains and recent calls of an agent. */
  private void agentControls(String json) {
    op(
        "get",
        "/api/v1/agents/{name}/limits",
        "The rate and concurrency limits in force for an agent",
        "agents",
        null,
        ref("AgentLimits"),
        200,
        404);
    op(
        "put",
        "/api/v1/agents/{name}/limits",
        "Override an agent's limits (a null field restores its default)",
        "agents",
        json,
        ref("AgentLimits"),
        200,
        400,
        404,
        415);
    for (String action : List.of("drain", "undrain")) {
      String path = "/api/v1/agents/{name}/" + action;
      op(
          "post",
          path,
          action.equals("drain")
              ? "Stop dispatching new calls to an agent (calls in flight finish)"
              : "Dispatch calls to a drained agent again",
          "agents",
          null,
          ref("AgentDrain"),
          200,
          400,
          404);
      query(path, "post", "version", "string", "One version only; every version when absent");
    }
    op(
        "get",
        "/api/v1/agents/{name}/calls",
        "An agent's recent calls, newest first (its log)",
        "agents",
        null,
        list("AgentCall"),
        200,
        400,
        404);
    query("/api/v1/agents/{name}/calls", "get", "limit", "integer", "1 to 500, default 50");
  }

  /** Secrets: write-only, admin keys only. */
  @SuppressWarnings("unchecked")
  private void secrets(String json) {
    op(
        "get",
        "/api/v1/secrets",
        "Every secret's name, times and key version (never a value; admin keys only)",
        "secrets",
        null,
        list("Secret"),
        200,
        400,
        403);
    op(
        "put",
        "/api/v1/secrets/{name}",
        "Set a secret's value, encrypted at rest (admin keys only; the value is never returned)",
        "secrets",
        json,
        ref("Secret"),
        200,
        201,
        400,
        403,
        413,
        415);
    op(
        "delete",
        "/api/v1/secrets/{name}",
        "Delete a secret (admin keys only)",
        "secrets",
        null,
        null,
        204,
        400,
        403,
        404);
    var deleted = (Map<String, Object>) pathItem("/api/v1/secrets/{name}").get("delete");
    ((Map<String, Object>) deleted.get("responses"))
        .put("204", Map.of("description", "No Content"));
    op(
        "post",
        "/api/v1/secrets/rotate",
        "Add a new primary key and re-encrypt every secret under it in one transaction (admin"
            + " keys only)",
        "secrets",
        null,
        ref("SecretRotation"),
        200,
        400,
        403,
        409);
  }

  /** Outbound webhooks of the caller's workspace and their delivery log. */
  private void webhooks(String json) {
    op(
        "post",
        "/api/v1/webhooks",
        "Subscribe a URL to events; the answer holds its signing secret (shown once)",
        "webhooks",
        json,
        ref("Webhook"),
        201,
        400,
        413,
        415);
    op(
        "get",
        "/api/v1/webhooks",
        "The webhooks of the caller's workspace",
        "webhooks",
        null,
        list("Webhook"),
        200,
        400);
    op(
        "get",
        "/api/v1/webhooks/{id}",
        "One webhook",
        "webhooks",
        null,
        ref("Webhook"),
        200,
        400,
        404);
    op(
        "delete",
        "/api/v1/webhooks/{id}",
        "Delete a webhook, its secret and its deliveries",
        "webhooks",
        null,
        null,
        204,
        400,
        404);
    op(
        "post",
        "/api/v1/webhooks/{id}/test",
        "Queue a signed test event (type io.aispine.webhook.test) to the webhook",
        "webhooks",
        null,
        ref("WebhookDelivery"),
        202,
        400,
        404);
    op(
        "get",
        "/api/v1/webhooks/{id}/deliveries",
        "The webhook's deliveries, newest first: status, attempts, response code, latency",
        "webhooks",
        null,
        list("WebhookDelivery"),
        200,
        400,
        404);
    query("/api/v1/webhooks/{id}/deliveries", "get", "limit", "integer", "1 to 500, default 50");
    op(
        "post",
        "/api/v1/webhooks/{id}/redeliver",
        "Send a delivery again, or every failed one (which also enables a disabled webhook)",
        "webhooks",
        json,
        ref("Redelivery"),
        200,
        400,
        404,
        413,
        415);
  }

  /** Keys of the caller's workspace, and workspaces. */
  @SuppressWarnings("unchecked")
  private void keysAndWorkspaces(String json) {
    op(
        "get",
        "/api/v1/keys",
        "The keys of the caller's workspace",
        "keys",
        null,
        list("ApiKeyInfo"),
        200,
        400);
    op(
        "post",
        "/api/v1/keys",
        "Create a key; its text is in this answer only",
        "keys",
        json,
        ref("ApiKeyInfo"),
        201,
        400,
        413,
        415);
    op("delete", "/api/v1/keys/{id}", "Revoke a key", "keys", null, null, 204, 400, 404, 409);
    var revoked = (Map<String, Object>) pathItem("/api/v1/keys/{id}").get("delete");
    ((Map<String, Object>) revoked.get("responses"))
        .put("204", Map.of("description", "No Content"));
    op(
        "get",
        "/api/v1/auth/whoami",
        "The caller's own key: its id, name, role and workspace (never the key itself)",
        "keys",
        null,
        ref("ApiKeyInfo"),
        200,
        400);
    op(
        "get",
        "/api/v1/workspace",
        "The caller's workspace: plan, quotas and what it uses of them",
        "workspaces",
        null,
        ref("WorkspaceInfo"),
        200,
        400);
    op(
        "get",
        "/api/v1/workspaces",
        "Every workspace (owner)",
        "workspaces",
        null,
        list("WorkspaceInfo"),
        200,
        400);
    op(
        "post",
        "/api/v1/workspaces",
        "Create a workspace (owner)",
        "workspaces",
        json,
        ref("WorkspaceInfo"),
        201,
        400,
        409,
        413,
        415);
    op(
        "get",
        "/api/v1/workspaces/{id}",
        "One workspace (owner)",
        "workspaces",
        null,
        ref("WorkspaceInfo"),
        200,
        400,
        404);
    op(
        "put",
        "/api/v1/workspaces/{id}/quota",
        "Change a workspace's plan and quotas (owner)",
        "workspaces",
        json,
        ref("WorkspaceInfo"),
        200,
        400,
        404,
        413,
        415);
  }

  private void publicOp(String path, String summary, Map<String, Object> schema) {
    Map<String, Object> content =
        schema == null
            ? Map.of("text/plain", Map.of("schema", Map.of("type", "string")))
            : Map.of("application/json", Map.of("schema", schema));
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put("200", Map.of("description", "OK", "content", content));
    if (path.equals("/ready")) {
      responses.put("503", Map.of("$ref", "#/components/responses/Problem"));
    }
    Map<String, Object> operation = new LinkedHashMap<>();
    operation.put("summary", summary);
    operation.put("tags", List.of("operations"));
    operation.put("operationId", "get" + path.replaceAll("[^A-Za-z0-9]+", "_"));
    operation.put("security", List.of());
    operation.put("responses", responses);
    pathItem(path).put("get", operation);
  }

  @SuppressWarnings("unchecked")
  private void guardMetrics() {
    Map<String, Object> operation = (Map<String, Object>) pathItem("/metrics").get("get");
    operation.put("security", List.of(Map.of("bearer", List.of())));
    ((Map<String, Object>) operation.get("responses"))
        .put("401", Map.of("$ref", "#/components/responses/Problem"));
  }

  @SuppressWarnings("unchecked")
  private void query(String path, String method, String name, String type, String description) {
    Map<String, Object> operation = (Map<String, Object>) pathItem(path).get(method);
    ((List<Object>) operation.get("parameters"))
        .add(
            Map.of(
                "name",
                name,
                "in",
                "query",
                "required",
                false,
                "description",
                description,
                "schema",
                Map.of("type", type)));
  }

  private void pageParams(String path, String method) {
    query(path, method, "limit", "integer", "Page size, 1 to 500, default 50");
    query(path, method, "cursor", "string", "next_cursor of the previous page");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> pathItem(String path) {
    return (Map<String, Object>) paths.computeIfAbsent(path, p -> new LinkedHashMap<>());
  }

  private static String describe(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      default -> "HTTP " + status;
    };
  }

  private static Map<String, Object> ref(String schema) {
    return Map.of("$ref", ApiSchemas.REF_PREFIX + schema);
  }

  private static Map<String, Object> list(String schema) {
    return Map.of(
        "type",
        "object",
        "required",
        List.of("items"),
        "properties",
        Map.of("items", Map.of("type", "array", "items", ref(schema))));
  }

  private static Map<String, Object> page(String schema) {
    return Map.of(
        "type", "object",
        "required", List.of("items", "next_cursor"),
        "properties",
            Map.of(
                "items", Map.of("type", "array", "items", ref(schema)),
                "next_cursor", Map.of("type", List.of("string", "null"))));
  }

  private static Map<String, Object> components() {
    return Map.of(
        "schemas",
        ApiSchemas.components(),
        "responses",
        Map.of(
            "Problem",
            Map.of(
                "description",
                "An RFC 9457 problem",
                "content",
                Map.of(Problem.MEDIA_TYPE, Map.of("schema", ref("Problem"))))),
        "securitySchemes",
        Map.of("bearer", Map.of("type", "http", "scheme", "bearer")));
  }
}
