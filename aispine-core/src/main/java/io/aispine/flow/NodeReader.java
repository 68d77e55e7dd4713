package io.aispine.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.semver4j.RangesListFactory;

/**
 * Builds one {@link Node} from its YAML mapping, checking the fields that concern the node alone.
 * References to other nodes and expressions are checked across the whole flow by {@link
 * FlowReferences} and {@link ExpressionCheck}.
 */
final class NodeReader {

  static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_-]{0,62}");
  private static final Pattern AGENT_NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,62}");
  private static final Pattern MCP_TOOL =
      Pattern.compile("[a-z][a-z0-9_-]{0,62}/[A-Za-z0-9_.-][A-Za-z0-9_./-]{0,127}");

  /** The built-in agent that {@code mcp: server/tool} calls, with {@code server/tool} as action. */
  static final String MCP_AGENT = "mcp";

  static final List<String> COMMON =
      List.of(
          "id",
          "type",
          "needs",
          "trigger",
          "retry",
          "timeout",
          "on_error",
          "continue_on_error",
          "description");
  private static final Map<String, List<String>> KIND_FIELDS =
      Map.of(
          "task", List.of("agent", "action", "with", "fallback", "mcp"),
          "decision", List.of("when", "switch", "cases", "else"),
          "wait", List.of("duration", "until"),
          "approval", List.of("message", "approvers", "on_timeout"),
          "loop", List.of("body", "until", "break_if", "max_iterations", "on_max", "output"),
          "foreach", List.of("items", "max_concurrency", "on_item_error", "body", "output"),
          "fork", List.of("branches", "join"),
          "subflow", List.of("flow", "with"));
  static final List<String> KINDS =
      List.of("task", "decision", "wait", "approval", "loop", "foreach", "fork", "subflow");
  private static final Set<String> BRANCH_FIELDS = Set.of("if", "then");

  private final TreeReader reader;
  private final ProblemList problems;
  private final RetrySpec defaultRetry;
  private final Duration defaultTimeout;
  private final ControlNodeReader containers;

  NodeReader(TreeReader reader, RetrySpec defaultRetry, Duration defaultTimeout) {
    this.reader = reader;
    this.problems = reader.problems();
    this.defaultRetry = defaultRetry;
    this.defaultTimeout = defaultTimeout;
    this.containers = new ControlNodeReader(reader, this);
  }

  /** The node at {@code pointer}, or null when it has problems (they are reported). */
  Node read(JsonNode value, String pointer, int index) {
    ObjectNode node = reader.mapping(value, pointer, "node " + index);
    if (node == null) {
      return null;
    }
    String id = readId(node, pointer, index);
    String owner = id == null ? "node " + index : "node '" + id + "'";
    String kind = readKind(node, pointer, owner);
    if (kind == null) {
      return null;
    }
    checkFields(node, pointer, kind, owner);
    List<String> needs = reader.ids(node, pointer, "needs", owner);
    TriggerRule trigger = readTrigger(node, pointer, owner);
    NodeOptions options =
        ControlNodeReader.CONTAINERS.contains(kind)
            ? containers.options(node, pointer, owner)
            : readOptions(node, pointer, owner);
    SourceLocation location = problems.locationOf(pointer);
    var common = new ControlNodeReader.Common(id, needs, trigger, options, location);
    return switch (kind) {
      case "decision" -> decision(node, pointer, owner, id, needs, trigger, options, location);
      case "wait" -> waitNode(node, pointer, owner, id, needs, trigger, options, location);
      case "approval" ->
          ApprovalReader.read(reader, node, pointer, owner, id, needs, trigger, options, location);
      case "loop" -> containers.loop(node, pointer, owner, common);
      case "foreach" -> containers.foreach(node, pointer, owner, common);
      case "fork" -> containers.fork(node, pointer, owner, common);
      case "subflow" -> containers.subflow(node, pointer, owner, common);
      default -> task(node, pointer, owner, id, needs, trigger, options, location);
    };
  }

  private String readId(ObjectNode node, String pointer, int index) {
    if (!reader.require(node, pointer, "id", "node " + index)) {
      return null;
    }
    String id = reader.text(node, pointer, "id", "node " + index);
    if (id != null && !ID.matcher(id).matches()) {
      problems.value(
          LocatedYaml.child(pointer, "id"),
          "node id '"
              + id
              + "' must start with a lowercase letter and use only letters, digits, '_' and '-'"
              + " (at most 63 characters)");
      return null;
    }
    return id;
  }

  private String readKind(ObjectNode node, String pointer, String owner) {
    JsonNode type = node.get("type");
    if (type == null || type.isNull()) {
      return "task";
    }
    if (type.isTextual() && KINDS.contains(type.textValue())) {
      return type.textValue();
    }
    String typed = type.isTextual() ? type.textValue() : "";
    problems.value(
        LocatedYaml.child(pointer, "type"),
        TreeReader.prefix(owner)
            + "type must be one of "
            + String.join(", ", KINDS)
            + ", got "
            + TreeReader.show(type)
            + DidYouMean.hint(typed, KINDS));
    return null;
  }

  /** Rejects unknown fields, and fields of another kind with a hint to set {@code type}. */
  private void checkFields(ObjectNode node, String pointer, String kind, String owner) {
    var allowed = new ArrayList<>(COMMON);
    allowed.addAll(KIND_FIELDS.get(kind));
    var everyField = new ArrayList<>(COMMON);
    KIND_FIELDS.values().forEach(everyField::addAll);
    for (var names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (allowed.contains(name)) {
        continue;
      }
      String at = LocatedYaml.child(pointer, name);
      String otherKind =
          KIND_FIELDS.entrySet().stream()
              .filter(e -> e.getValue().contains(name))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      if (otherKind != null) {
        problems.key(
            at,
            TreeReader.prefix(owner)
                + "field '"
                + name
                + "' belongs to "
                + otherKind
                + " nodes, but this is a "
                + kind
                + " node (set type: "
                + otherKind
                + ")");
      } else {
        problems.key(
            at,
            TreeReader.prefix(owner)
                + "unknown field '"
                + name
                + "'"
                + DidYouMean.hint(name, everyField));
      }
    }
  }

  private TriggerRule readTrigger(ObjectNode node, String pointer, String owner) {
    JsonNode value = node.get("trigger");
    if (value == null || value.isNull()) {
      return TriggerRule.ALL_SUCCESS;
    }
    TriggerRule rule = value.isTextual() ? TriggerRule.fromYaml(value.textValue()) : null;
    if (rule != null) {
      return rule;
    }
    List<String> names =
        java.util.Arrays.stream(TriggerRule.values()).map(TriggerRule::yamlName).toList();
    problems.value(
        LocatedYaml.child(pointer, "trigger"),
        TreeReader.prefix(owner)
            + "trigger must be one of "
            + String.join(", ", names)
            + ", got "
            + TreeReader.show(value)
            + DidYouMean.hint(value.isTextual() ? value.textValue() : "", names));
    return null;
  }

  private NodeOptions readOptions(ObjectNode node, String pointer, String owner) {
    int before = problems.size();
    RetrySpec own =
        RetrySpec.read(node.get("retry"), LocatedYaml.child(pointer, "retry"), owner, reader);
    RetrySpec merged = own == null ? defaultRetry : own.over(defaultRetry);
    Duration timeout = reader.duration(node, pointer, "timeout", owner);
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      problems.value(
          LocatedYaml.child(pointer, "timeout"),
          TreeReader.prefix(owner) + "timeout must be longer than zero");
      return null;
    }
    String onError = reader.text(node, pointer, "on_error", owner);
    boolean continueOnError = reader.bool(node, pointer, "continue_on_error", owner, false);
    reader.text(node, pointer, "description", owner);
    if (onError != null && continueOnError) {
      problems.key(
          LocatedYaml.child(pointer, "continue_on_error"),
          TreeReader.prefix(owner)
              + "on_error and continue_on_error conflict: a failure either activates the"
              + " on_error node or becomes this node's output; keep one");
    }
    if (problems.size() > before) {
      return null;
    }
    return new NodeOptions(
        merged == null ? RetryPolicy.NONE : merged.toPolicy(),
        timeout != null ? timeout : defaultTimeout,
        onError,
        continueOnError);
  }

  private Node task(
      ObjectNode node,
      String pointer,
      String owner,
      String id,
      List<String> needs,
      TriggerRule trigger,
      NodeOptions options,
      SourceLocation location) {
    if (node.has("mcp")) {
      return mcpTask(node, pointer, owner, id, needs, trigger, options, location);
    }
    boolean ok = reader.require(node, pointer, "agent", owner);
    String agent = reader.text(node, pointer, "agent", owner);
    if (agent != null && !validAgentReference(agent)) {
      problems.value(
          LocatedYaml.child(pointer, "agent"),
          TreeReader.prefix(owner)
              + "agent must be a name or name@range like echo or echo@^1, got '"
              + agent
              + "'");
      ok = false;
    }
    String fallback = reader.text(node, pointer, "fallback", owner);
    if (fallback != null && !validAgentReference(fallback)) {
      problems.value(
          LocatedYaml.child(pointer, "fallback"),
          TreeReader.prefix(owner)
              + "fallback must be an agent name or name@range like echo or echo@^1, got '"
              + fallback
              + "'");
      ok = false;
    }
    String action = reader.text(node, pointer, "action", owner);
    Map<String, Object> input = reader.with(node, pointer, owner);
    ok &= input != null;
    if (!ok || agent == null || id == null || needs == null || trigger == null || options == null) {
      return null;
    }
    return new TaskNode(id, needs, trigger, options, location, agent, action, input, fallback);
  }

  /**
   * {@code mcp: server/tool}: a task on the built-in {@value #MCP_AGENT} agent whose action names
   * the tool, so that the call is a node run like any other (retries, timeouts, circuit).
   */
  private Node mcpTask(
      ObjectNode node,
      String pointer,
      String owner,
      String id,
      List<String> needs,
      TriggerRule trigger,
      NodeOptions options,
      SourceLocation location) {
    boolean ok = true;
    for (String taken : List.of("agent", "action", "fallback")) {
      if (node.has(taken)) {
        problems.key(
            LocatedYaml.child(pointer, taken),
            TreeReader.prefix(owner)
                + "mcp names the tool to call, so '"
                + taken
                + "' has no meaning here: remove it");
        ok = false;
      }
    }
    String tool = reader.text(node, pointer, "mcp", owner);
    if (tool != null && !MCP_TOOL.matcher(tool).matches()) {
      problems.value(
          LocatedYaml.child(pointer, "mcp"),
          TreeReader.prefix(owner)
              + "mcp must be server/tool like everything/echo (the server's name as added with"
              + " 'aispine mcp add', then the tool's name), got '"
              + tool
              + "'");
      ok = false;
    }
    Map<String, Object> input = reader.with(node, pointer, owner);
    ok &= input != null;
    if (!ok || tool == null || id == null || needs == null || trigger == null || options == null) {
      return null;
    }
    return new TaskNode(id, needs, trigger, options, location, MCP_AGENT, tool, input, null);
  }

  /** {@code name} or {@code name@range}, the range in npm/semver4j syntax ({@code ^1}). */
  static boolean validAgentReference(String agent) {
    int at = agent.indexOf('@');
    String name = at < 0 ? agent : agent.substring(0, at);
    if (!AGENT_NAME.matcher(name).matches()) {
      return false;
    }
    if (at < 0) {
      return true;
    }
    String range = agent.substring(at + 1).strip();
    if (range.isEmpty()) {
      return false;
    }
    // semver4j is lenient: nonsense yields no ranges at all, or "<0.0.0", which nothing satisfies.
    var ranges = RangesListFactory.create(range).get();
    return !ranges.isEmpty()
        && ranges.stream()
            .anyMatch(set -> set.stream().noneMatch(r -> r.toString().equals("<0.0.0")));
  }

  private Node decision(
      ObjectNode node,
      String pointer,
      String owner,
      String id,
      List<String> needs,
      TriggerRule trigger,
      NodeOptions options,
      SourceLocation location) {
    if (node.has("switch") || node.has("cases")) {
      return switchDecision(node, pointer, owner, id, needs, trigger, options, location);
    }
    boolean ok = reader.require(node, pointer, "when", owner);
    String whenPointer = LocatedYaml.child(pointer, "when");
    JsonNode when = node.get("when");
    var branches = new ArrayList<DecisionNode.Branch>();
    if (ok && (!when.isArray() || when.isEmpty())) {
      problems.value(
          whenPointer,
          TreeReader.prefix(owner)
              + (when.isArray()
                  ? "when must list at least one branch {if: condition, then: node ids}"
                  : "when must be a list of {if: condition, then: node ids}, got "
                      + TreeReader.show(when)));
      ok = false;
    } else if (ok) {
      for (int i = 0; i < when.size(); i++) {
        DecisionNode.Branch branch = branch(when.get(i), LocatedYaml.child(whenPointer, i), owner);
        ok &= branch != null;
        if (branch != null) {
          branches.add(branch);
        }
      }
    }
    List<String> otherwise = reader.ids(node, pointer, "else", owner);
    if (!ok
        || otherwise == null
        || id == null
        || needs == null
        || trigger == null
        || options == null) {
      return null;
    }
    return new DecisionNode(id, needs, trigger, options, location, branches, otherwise);
  }

  /**
   * The {@code switch} form of a decision: {@code switch} is an expression, {@code cases} maps its
   * possible values to targets, {@code else} catches the rest. Each case becomes the branch {@code
   * (switch) == 'value'}, tried in order.
   */
  private Node switchDecision(
      ObjectNode node,
      String pointer,
      String owner,
      String id,
      List<String> needs,
      TriggerRule trigger,
      NodeOptions options,
      SourceLocation location) {
    if (node.has("when")) {
      problems.key(
          LocatedYaml.child(pointer, "when"),
          TreeReader.prefix(owner)
              + "a decision takes either when (conditions) or switch with cases, not both");
      return null;
    }
    boolean ok = reader.require(node, pointer, "switch", owner);
    ok &= reader.require(node, pointer, "cases", owner);
    String subject = reader.text(node, pointer, "switch", owner);
    String casesPointer = LocatedYaml.child(pointer, "cases");
    var branches = new ArrayList<DecisionNode.Branch>();
    JsonNode cases = node.get("cases");
    if (ok && (!cases.isObject() || cases.isEmpty())) {
      problems.value(
          casesPointer,
          TreeReader.prefix(owner)
              + "cases must map values of the switch expression to node ids, like {gold: vip_lane}");
      ok = false;
    } else if (ok && subject != null) {
      for (var it = cases.fields(); it.hasNext(); ) {
        var entry = it.next();
        List<String> then =
            reader.ids((ObjectNode) cases, casesPointer, entry.getKey(), owner + " case");
        if (then == null || then.isEmpty()) {
          ok = false;
          continue;
        }
        String literal = "'" + entry.getKey().replace("\\", "\\\\").replace("'", "\\'") + "'";
        branches.add(
            new DecisionNode.Branch(
                "(" + subject + ") == " + literal,
                then,
                problems.locationOf(LocatedYaml.child(casesPointer, entry.getKey()))));
      }
    }
    List<String> otherwise = reader.ids(node, pointer, "else", owner);
    if (!ok
        || subject == null
        || otherwise == null
        || id == null
        || needs == null
        || trigger == null
        || options == null) {
      return null;
    }
    return new DecisionNode(id, needs, trigger, options, location, branches, otherwise);
  }

  private DecisionNode.Branch branch(JsonNode value, String pointer, String owner) {
    ObjectNode branch = reader.mapping(value, pointer, TreeReader.prefix(owner) + "when entry");
    if (branch == null) {
      return null;
    }
    String branchOwner = owner + " when";
    reader.rejectUnknownFields(branch, pointer, BRANCH_FIELDS, branchOwner);
    boolean ok = reader.require(branch, pointer, "if", branchOwner);
    ok &= reader.require(branch, pointer, "then", branchOwner);
    String condition = reader.text(branch, pointer, "if", branchOwner);
    List<String> then = reader.ids(branch, pointer, "then", branchOwner);
    if (then != null && then.isEmpty() && ok) {
      problems.value(
          LocatedYaml.child(pointer, "then"), branchOwner + ": then must name at least one node");
      return null;
    }
    if (!ok || condition == null || then == null) {
      return null;
    }
    return new DecisionNode.Branch(condition, then, problems.locationOf(pointer));
  }

  private Node waitNode(
      ObjectNode node,
      String pointer,
      String owner,
      String id,
      List<String> needs,
      TriggerRule trigger,
      NodeOptions options,
      SourceLocation location) {
    Duration duration = reader.duration(node, pointer, "duration", owner);
    String until = reader.text(node, pointer, "until", owner);
    boolean hasDuration = node.hasNonNull("duration");
    boolean hasUntil = node.hasNonNull("until");
    if (hasDuration == hasUntil) {
      problems.key(
          pointer,
          TreeReader.prefix(owner)
              + "a wait node needs exactly one of duration (like 10s) or until (an ISO-8601"
              + " instant or a template)");
      return null;
    }
    if (duration != null && duration.isNegative()) {
      problems.value(
          LocatedYaml.child(pointer, "duration"),
          TreeReader.prefix(owner) + "duration must not be negative");
      return null;
    }
    if (until != null && !until.contains("${") && !isInstant(until)) {
      problems.value(
          LocatedYaml.child(pointer, "until"),
          TreeReader.prefix(owner)
              + "until must be an ISO-8601 instant like 2030-01-31T09:00:00Z or a ${…} template,"
              + " got '"
              + until
              + "'");
      return null;
    }
    if ((duration == null && until == null)
        || id == null
        || needs == null
        || trigger == null
        || options == null) {
      return null;
    }
    return new WaitNode(id, needs, trigger, options, location, duration, until);
  }

  private static boolean isInstant(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
