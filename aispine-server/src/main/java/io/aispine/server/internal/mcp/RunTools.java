package io.aispine.server.internal.mcp;

import io.aispine.engine.InvalidInputsException;
import io.aispine.engine.RunRefusedException;
import io.aispine.execution.ExecutionState;
import io.aispine.flow.Flow;
import io.aispine.flow.FlowParser;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.auth.Role;
import io.aispine.server.internal.executions.ExecutionViews;
import io.aispine.server.internal.http.Json;
import io.aispine.store.AuditActor;
import io.aispine.store.AuditEvent;
import io.aispine.store.AuditLog;
import io.aispine.store.AuditOutcome;
import io.aispine.store.StoredFlow;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * The run tools: {@code create_run} starts an approved flow version, {@code run_flow} starts one
 * and waits for its end, {@code get_run_status} reads a run. Starting needs an operator; every
 * start passes the approved-only check here and the engine's run gate after it, and is audited.
 */
final class RunTools {

  /** How long {@code run_flow} waits by default, and at most. */
  static final int DEFAULT_WAIT_SECONDS = 30;

  static final int MAX_WAIT_SECONDS = 120;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final McpBackend backend;

  RunTools(McpBackend backend) {
    this.backend = backend;
  }

  List<SyncToolSpecification> tools() {
    return List.of(
        tool(
            "create_run",
            "Start a run of an approved flow version (flow@version) and return its run id at once;"
                + " a draft is refused. Needs an operator key.",
            Map.of(
                "approved_id",
                Map.of("type", "string", "description", "flow@version, from ops://approved"),
                "inputs",
                Map.of("type", "object", "description", "The flow's inputs")),
            List.of("approved_id"),
            this::createRun),
        tool(
            "get_run_status",
            "Read a run of this workspace: status, nodes, outputs or error",
            Map.of("run_id", Map.of("type", "string", "description", "The id create_run returned")),
            List.of("run_id"),
            this::runStatus),
        tool(
            "run_flow",
            "Run a flow's newest approved version (or flow@version, which must be approved) and"
                + " wait for its end (up to wait_seconds); drafts are refused. Needs an operator"
                + " key.",
            Map.of(
                "flow",
                Map.of("type", "string", "description", "A flow id, or flow@version"),
                "inputs",
                Map.of("type", "object", "description", "The flow's inputs"),
                "wait_seconds",
                Map.of(
                    "type",
                    "integer",
                    "minimum",
                    0,
                    "maximum",
                    MAX_WAIT_SECONDS,
                    "description",
                    "How long to wait for the end (default " + DEFAULT_WAIT_SECONDS + ")")),
            List.of("flow"),
            this::runFlow));
  }

  private McpSchema.CallToolResult createRun(
      McpSyncServerExchange exchange, Map<String, Object> arguments) {
    Caller caller = McpCallers.requiring(exchange, Role.OPERATOR, "create_run");
    Object id = arguments.get("approved_id");
    StoredFlow approved =
        backend.approvedFlows(caller).approved(ApprovedId.parse(id instanceof String s ? s : null));
    ExecutionState run = start(caller, approved, inputs(arguments));
    return result(summary(run));
  }

  private McpSchema.CallToolResult runStatus(
      McpSyncServerExchange exchange, Map<String, Object> arguments) {
    Object id = arguments.get("run_id");
    ExecutionState run = backend.run(McpCallers.of(exchange), id instanceof String s ? s : null);
    return result(ExecutionViews.full(run, backend.engine().runs(run.id())));
  }

  private McpSchema.CallToolResult runFlow(
      McpSyncServerExchange exchange, Map<String, Object> arguments) {
    Caller caller = McpCallers.requiring(exchange, Role.OPERATOR, "run_flow");
    Object flow = arguments.get("flow");
    StoredFlow approved = backend.approvedFlows(caller).named(flow instanceof String s ? s : null);
    int wait =
        arguments.get("wait_seconds") instanceof Number n
            ? Math.clamp(n.intValue(), 0, MAX_WAIT_SECONDS)
            : DEFAULT_WAIT_SECONDS;
    ExecutionState run = start(caller, approved, inputs(arguments));
    try {
      run = backend.engine().await(run.id(), Duration.ofSeconds(wait));
    } catch (TimeoutException e) {
      // still running: the answer says so, and get_run_status follows it
      run = backend.engine().execution(run.id()).orElse(run);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return result(ExecutionViews.full(run, backend.engine().runs(run.id())));
  }

  /**
   * Starts {@code approved} for the caller, within its quota (checked and taken in one step, as the
   * API's starts are), recorded in the audit log of the caller's workspace.
   */
  private ExecutionState start(Caller caller, StoredFlow approved, Map<String, Object> inputs) {
    String id =
        backend.quotas().atomically(caller.workspace(), () -> admit(caller, approved, inputs));
    return backend.engine().execution(id).orElseThrow();
  }

  private String admit(Caller caller, StoredFlow approved, Map<String, Object> inputs) {
    String ref = approved.id() + "@" + approved.version();
    var exceeded = backend.quotas().beforeStart(caller.workspace());
    if (exceeded.isPresent()) {
      throw McpRefusal.RUN_REFUSED.error(
          exceeded.get().problem(backend.clock().instant()).detail());
    }
    Flow flow = FlowParser.parse(approved.source(), ref);
    var event =
        new AuditEvent(
            backend.clock().instant(),
            caller.workspace(),
            new AuditActor(caller.key().id(), caller.role().wireName(), "mcp"),
            "execution.start",
            null,
            AuditOutcome.OK,
            "mcp_" + HexFormat.of().formatHex(bytes()),
            null);
    try {
      // the entry names the execution the start creates, in the start's own commit
      return backend
          .audit()
          .appendWithin(new AuditLog.Pending(event), () -> backend.engine().start(flow, inputs));
    } catch (RunRefusedException e) {
      throw McpRefusal.RUN_REFUSED.error(e.refusal().detail());
    } catch (InvalidInputsException e) {
      throw McpRefusal.invalid(
          "invalid inputs for flow " + ref + ": " + String.join("; ", e.problems()));
    }
  }

  private static byte[] bytes() {
    byte[] random = new byte[12];
    RANDOM.nextBytes(random);
    return random;
  }

  private static Map<String, Object> summary(ExecutionState run) {
    return Map.of(
        "run_id",
        run.id(),
        "approved_id",
        run.flowId() + "@" + run.flowVersion(),
        "status",
        run.status().wireName(),
        "uri",
        OpsResources.RUNS_PREFIX + run.id());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> inputs(Map<String, Object> arguments) {
    Object inputs = arguments.get("inputs");
    if (inputs == null) {
      return new HashMap<>();
    }
    if (!(inputs instanceof Map<?, ?> map)) {
      throw McpRefusal.invalid("argument 'inputs' must be an object of the flow's inputs");
    }
    // HashMap: inputs may hold JSON nulls, which the engine reports as wrong types
    return new HashMap<>((Map<String, Object>) map);
  }

  private static McpSchema.CallToolResult result(Object value) {
    return McpSchema.CallToolResult.builder()
        .addTextContent(McpBackend.json(value))
        .structuredContent(Json.mapper().convertValue(value, Map.class))
        .isError(false)
        .build();
  }

  private static SyncToolSpecification tool(
      String name,
      String description,
      Map<String, Object> properties,
      List<String> required,
      BiFunction<McpSyncServerExchange, Map<String, Object>, McpSchema.CallToolResult> call) {
    return SyncToolSpecification.builder()
        .tool(
            McpSchema.Tool.builder()
                .name(name)
                .description(description)
                .inputSchema(
                    Map.of("type", "object", "properties", properties, "required", required))
                .build())
        .callHandler(
            (exchange, request) ->
                call.apply(exchange, request.arguments() == null ? Map.of() : request.arguments()))
        .build();
  }
}
