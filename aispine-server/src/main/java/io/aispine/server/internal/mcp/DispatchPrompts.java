package io.aispine.server.internal.mcp;

import io.aispine.flow.TaskNode;
import io.aispine.server.internal.http.Printable;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The dispatch prompts: instructions that hand an approved flow version to an AI, as the
 * orchestrator ({@code orch_dispatch}), as the sub-agent for one agent's nodes ({@code
 * sub_dispatch}) or as the editor of one file ({@code editp_dispatch}). Each takes an approved id
 * and refuses a draft's, so that no instruction is ever written from unapproved content.
 */
final class DispatchPrompts {

  private static final McpSchema.PromptArgument APPROVED_ID =
      new McpSchema.PromptArgument(
          "approved_id",
          "An approved flow version: flow@version (ops://approved lists them)",
          true);

  private final McpBackend backend;

  DispatchPrompts(McpBackend backend) {
    this.backend = backend;
  }

  List<SyncPromptSpecification> prompts() {
    return List.of(
        prompt(
            "orch_dispatch",
            "Orchestrate an approved flow version: run it with create_run and follow it to the end",
            List.of(APPROVED_ID),
            this::orchestrate),
        prompt(
            "sub_dispatch",
            "Brief the sub-agent that carries out one agent's nodes of an approved flow version",
            List.of(
                APPROVED_ID,
                new McpSchema.PromptArgument(
                    "agent", "The agent whose nodes to brief (one the flow calls)", true)),
            this::subAgent),
        prompt(
            "editp_dispatch",
            "Brief an editor to change one file within what an approved flow version covers",
            List.of(APPROVED_ID, new McpSchema.PromptArgument("file", "The file to edit", true)),
            this::editor));
  }

  private String orchestrate(FlowDigest flow, Map<String, Object> arguments) {
    return """
        You orchestrate the approved flow version %s on AI Spine.
        What it does: %s
        Inputs it takes (JSON): %s
        Its nodes, in order: %s

        Start it only with the create_run tool (approved_id "%s", inputs as above), then follow \
        it with get_run_status until it is terminal and report its outputs or its error. Run \
        nothing else: AI Spine refuses any flow version that is not approved, and so must you.\
        """
        .formatted(
            flow.id(),
            describe(flow),
            McpBackend.json(flow.summary().get("inputs")),
            String.join(", ", FlowDigest.ids(flow.flow().nodes())),
            flow.id());
  }

  private String subAgent(FlowDigest flow, Map<String, Object> arguments) {
    String agent = required(arguments, "agent");
    List<TaskNode> tasks = flow.tasksOf(agent);
    if (tasks.isEmpty()) {
      throw McpRefusal.invalid(
          "approved flow version "
              + flow.id()
              + " has no node that calls agent '"
              + Printable.clip(agent)
              + "'; it calls: "
              + String.join(", ", flow.agents()));
    }
    var briefs = new StringBuilder();
    for (TaskNode task : tasks) {
      briefs
          .append("- node ")
          .append(task.id())
          .append(task.needs().isEmpty() ? "" : " (after " + String.join(", ", task.needs()) + ")")
          .append(": ")
          .append(McpBackend.json(task.with()).replace("\n", " "))
          .append('\n');
    }
    return """
        You are agent "%s" in the approved flow version %s (%s).
        AI Spine calls you for these nodes, with these arguments (templates are filled in at run \
        time):
        %s
        Do exactly the work of these nodes and answer with their outputs; anything outside them \
        is not approved.\
        """
        .formatted(agent, flow.id(), describe(flow), briefs.toString().strip());
  }

  private String editor(FlowDigest flow, Map<String, Object> arguments) {
    String file = required(arguments, "file");
    return """
        You edit the file %s so that it matches the approved flow version %s (%s).
        The approved source is below; change only %s, only as far as this version requires, and \
        say what you changed. Nothing that is not in the approved version may be added.

        ```yaml
        %s
        ```\
        """
        .formatted(file, flow.id(), describe(flow), file, flow.flow().source().strip());
  }

  private static String describe(FlowDigest flow) {
    return flow.flow().description().isBlank()
        ? "no description"
        : flow.flow().description().strip();
  }

  private static String required(Map<String, Object> arguments, String name) {
    Object value = arguments == null ? null : arguments.get(name);
    if (!(value instanceof String text) || text.isBlank()) {
      throw McpRefusal.invalid("argument '" + name + "' is required");
    }
    return text.strip();
  }

  private SyncPromptSpecification prompt(
      String name,
      String description,
      List<McpSchema.PromptArgument> arguments,
      BiFunction<FlowDigest, Map<String, Object>, String> write) {
    return new SyncPromptSpecification(
        new McpSchema.Prompt(name, description, arguments),
        (McpSyncServerExchange exchange, McpSchema.GetPromptRequest request) -> {
          Map<String, Object> given = request.arguments() == null ? Map.of() : request.arguments();
          Object id = given.get("approved_id");
          FlowDigest flow =
              FlowDigest.of(
                  backend
                      .approvedFlows(McpCallers.of(exchange))
                      .approved(ApprovedId.parse(id instanceof String s ? s : null)));
          return new McpSchema.GetPromptResult(
              name + " for approved flow version " + flow.id(),
              List.of(
                  new McpSchema.PromptMessage(
                      McpSchema.Role.USER, new McpSchema.TextContent(write.apply(flow, given)))));
        });
  }
}
