package io.aispine.server.internal.mcp;

import io.aispine.execution.ExecutionState;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.executions.ExecutionViews;
import io.aispine.store.StoredFlow;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ops://} resources: the plan (approved versions and the names of drafts awaiting
 * review), the approved versions one by one, runs, and the server's status. Every read is the
 * caller's workspace's; no read returns anything of a draft but its name.
 */
final class OpsResources {

  static final String PLAN = "ops://plan";
  static final String APPROVED = "ops://approved";
  static final String CONTEXT = "ops://context";
  static final String APPROVED_PREFIX = "ops://approved/";
  static final String RUNS_PREFIX = "ops://runs/";
  private static final String JSON = "application/json";

  private final McpBackend backend;

  OpsResources(McpBackend backend) {
    this.backend = backend;
  }

  List<SyncResourceSpecification> resources() {
    return List.of(
        resource(
            PLAN,
            "plan",
            "What is approved and ready to run, and the drafts awaiting review (names only)",
            this::plan),
        resource(
            APPROVED,
            "approved",
            "The workspace's approved flow versions, each with its id (flow@version) and inputs",
            this::approved),
        resource(
            CONTEXT,
            "context",
            "The server's status as this key sees it: version, workspace, role, panic mode",
            this::context));
  }

  List<SyncResourceTemplateSpecification> templates() {
    return List.of(
        new SyncResourceTemplateSpecification(
            McpSchema.ResourceTemplate.builder()
                .uriTemplate(APPROVED_PREFIX + "{id}")
                .name("approved-flow")
                .description(
                    "One approved flow version by its id (flow@version): inputs, nodes and source;"
                        + " a draft id is refused")
                .mimeType(JSON)
                .build(),
            (exchange, request) ->
                text(
                    request.uri(),
                    FlowDigest.of(
                            backend
                                .approvedFlows(McpCallers.of(exchange))
                                .approved(
                                    ApprovedId.parse(
                                        request.uri().substring(APPROVED_PREFIX.length()))))
                        .full())),
        new SyncResourceTemplateSpecification(
            McpSchema.ResourceTemplate.builder()
                .uriTemplate(RUNS_PREFIX + "{id}")
                .name("run")
                .description(
                    "One run (execution) of an approved flow version: status, nodes, outputs")
                .mimeType(JSON)
                .build(),
            (exchange, request) -> {
              ExecutionState run =
                  backend.run(
                      McpCallers.of(exchange), request.uri().substring(RUNS_PREFIX.length()));
              return text(request.uri(), ExecutionViews.full(run, backend.engine().runs(run.id())));
            }));
  }

  private Object plan(McpSyncServerExchange exchange) {
    Caller caller = McpCallers.of(exchange);
    ApprovedFlows flows = backend.approvedFlows(caller);
    var plan = new LinkedHashMap<String, Object>();
    plan.put("workspace", caller.workspace());
    plan.put("approved", flows.all().stream().map(f -> f.id() + "@" + f.version()).toList());
    plan.put("pending_review", flows.pending());
    plan.put(
        "note",
        "only approved versions can be read, dispatched or run through MCP; drafts are listed by"
            + " name until an admin approves them (aispine flow approve flow@version)");
    return plan;
  }

  private Object approved(McpSyncServerExchange exchange) {
    List<StoredFlow> approved = backend.approvedFlows(McpCallers.of(exchange)).all();
    return Map.of("approved", approved.stream().map(f -> FlowDigest.of(f).summary()).toList());
  }

  private Object context(McpSyncServerExchange exchange) {
    Caller caller = McpCallers.of(exchange);
    ApprovedFlows flows = backend.approvedFlows(caller);
    var context = new LinkedHashMap<String, Object>();
    context.put("server", "aispine");
    context.put("version", backend.version());
    context.put("workspace", caller.workspace());
    context.put("key", caller.key().name());
    context.put("role", caller.role().wireName());
    var panic = new LinkedHashMap<String, Object>();
    backend
        .panic()
        .current()
        .ifPresentOrElse(
            state -> {
              panic.put("on", true);
              panic.put("since", state.since().toString());
              panic.put("reason", state.reason());
            },
            () -> panic.put("on", false));
    context.put("panic", panic);
    context.put("approved_versions", flows.all().size());
    context.put("pending_review", flows.pending().size());
    context.put("approved_id_form", "flow@version, e.g. hello@1.0.0");
    return context;
  }

  private static SyncResourceSpecification resource(
      String uri,
      String name,
      String description,
      java.util.function.Function<McpSyncServerExchange, Object> read) {
    return new SyncResourceSpecification(
        McpSchema.Resource.builder()
            .uri(uri)
            .name(name)
            .description(description)
            .mimeType(JSON)
            .build(),
        (exchange, request) -> text(uri, read.apply(exchange)));
  }

  private static McpSchema.ReadResourceResult text(String uri, Object value) {
    return new McpSchema.ReadResourceResult(
        List.of(new McpSchema.TextResourceContents(uri, JSON, McpBackend.json(value))));
  }
}
