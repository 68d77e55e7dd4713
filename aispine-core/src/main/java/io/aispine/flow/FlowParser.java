package io.aispine.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Parses and validates flow YAML (format v1, documented in {@code docs/flows.md}). Reports every
 * problem at once, each with its line, column and JSON pointer; an invalid file never yields a
 * {@link Flow}.
 */
public final class FlowParser {

  private static final Pattern FLOW_ID = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
  private static final List<String> TOP_LEVEL =
      List.of(
          "id",
          "version",
          "description",
          "inputs",
          "defaults",
          "concurrency",
          "triggers",
          "nodes",
          "outputs");
  private static final List<String> DEFAULTS = List.of("retry", "timeout");

  private final ProblemList problems;
  private final TreeReader reader;
  private final Predicate<String> agentExists;

  private FlowParser(String sourceName, Predicate<String> agentExists) {
    this.problems = new ProblemList(sourceName);
    this.reader = new TreeReader(problems);
    this.agentExists = agentExists;
  }

  /**
   * Parses a flow, accepting any agent name.
   *
   * @param sourceName the file name used in messages ({@code flows/kyc.yaml})
   * @throws FlowValidationException listing every problem when the flow is invalid
   */
  public static Flow parse(String yaml, String sourceName) {
    return parse(yaml, sourceName, name -> true);
  }

  /**
   * Parses a flow, rejecting tasks whose agent name {@code agentExists} does not accept.
   *
   * @throws FlowValidationException listing every problem when the flow is invalid
   */
  public static Flow parse(String yaml, String sourceName, Predicate<String> agentExists) {
    var parser = new FlowParser(sourceName, agentExists);
    Flow flow = parser.read(yaml);
    if (!parser.problems.isEmpty()) {
      throw new FlowValidationException(parser.problems.sorted());
    }
    return flow;
  }

  /** The problems of a flow in file order, accepting any agent name; empty when it is valid. */
  public static List<FlowProblem> validate(String yaml, String sourceName) {
    return validate(yaml, sourceName, name -> true);
  }

  /** The problems of a flow in file order; empty when it is valid. */
  public static List<FlowProblem> validate(
      String yaml, String sourceName, Predicate<String> agentExists) {
    var parser = new FlowParser(sourceName, agentExists);
    parser.read(yaml);
    return parser.problems.sorted();
  }

  /** Reads the whole flow; returns null when there were problems. */
  private Flow read(String text) {
    LocatedYaml yaml = LocatedYaml.read(text, problems);
    if (yaml.root() == null) {
      return null;
    }
    if (!(yaml.root() instanceof ObjectNode root)) {
      problems.value("", "a flow must be a YAML mapping with at least id, version and nodes");
      return null;
    }
    reader.rejectUnknownFields(root, "", TOP_LEVEL, "");
    String id = readId(root);
    FlowVersion version = readVersion(root);
    String description = reader.text(root, "", "description", "");
    Map<String, InputSpec> inputs = InputReader.read(root.get("inputs"), reader);
    List<Node> nodes = readNodes(root);
    Map<String, Object> outputs = readOutputs(root);
    FlowConcurrency concurrency = readConcurrency(root);
    List<Trigger> triggers =
        new TriggerReader(reader).read(root.get("triggers"), InputReader.names(root.get("inputs")));
    Set<String> nodeIds =
        root.get("nodes") != null && root.get("nodes").isArray()
            ? FlowReferences.check(problems, root.get("nodes"), agentExists)
            : Set.of();
    checkExpressions(root, yaml, nodeIds);
    if (!problems.isEmpty()) {
      return null;
    }
    return new Flow(id, version, description, inputs, nodes, outputs, text, concurrency, triggers);
  }

  /** {@code concurrency: {max_running: N}}, or null when the flow sets no limit. */
  private FlowConcurrency readConcurrency(ObjectNode root) {
    JsonNode value = root.get("concurrency");
    if (value == null || value.isNull()) {
      return null;
    }
    ObjectNode block = reader.mapping(value, "/concurrency", "concurrency");
    if (block == null) {
      return null;
    }
    reader.rejectUnknownFields(block, "/concurrency", List.of("max_running"), "concurrency");
    if (!reader.require(block, "/concurrency", "max_running", "concurrency")) {
      return null;
    }
    JsonNode max = block.get("max_running");
    if (max.isIntegralNumber() && max.canConvertToInt() && max.intValue() >= 1) {
      return new FlowConcurrency(max.intValue());
    }
    problems.value(
        "/concurrency/max_running",
        "concurrency: max_running must be a whole number of at least 1, got "
            + TreeReader.show(max));
    return null;
  }

  private String readId(ObjectNode root) {
    if (!reader.require(root, "", "id", "")) {
      return null;
    }
    String id = reader.text(root, "", "id", "");
    if (id != null && !FLOW_ID.matcher(id).matches()) {
      problems.value(
          "/id",
          "flow id '"
              + id
              + "' must start with a lowercase letter and use only lowercase letters, digits,"
              + " '_' and '-' (at most 63 characters)");
    }
    return id;
  }

  private FlowVersion readVersion(ObjectNode root) {
    if (!reader.require(root, "", "version", "")) {
      return null;
    }
    JsonNode value = root.get("version");
    if (value.isTextual() && FlowVersion.isValid(value.textValue())) {
      return FlowVersion.parse(value.textValue());
    }
    problems.value(
        "/version",
        "version must be a semantic version like 1.0.0, got "
            + TreeReader.show(value)
            + (value.isNumber()
                ? " (write three numbers, and quote it if YAML reads a number)"
                : ""));
    return null;
  }

  private List<Node> readNodes(ObjectNode root) {
    var nodes = new ArrayList<Node>();
    if (!reader.require(root, "", "nodes", "")) {
      return nodes;
    }
    JsonNode list = root.get("nodes");
    if (!list.isArray() || list.isEmpty()) {
      problems.value(
          "/nodes",
          list.isArray()
              ? "nodes must list at least one node"
              : "nodes must be a list of nodes, got " + TreeReader.show(list));
      return nodes;
    }
    RetrySpec defaultRetry = null;
    Duration defaultTimeout = null;
    JsonNode defaults = root.get("defaults");
    if (defaults != null && !defaults.isNull()) {
      ObjectNode block = reader.mapping(defaults, "/defaults", "defaults");
      if (block != null) {
        reader.rejectUnknownFields(block, "/defaults", DEFAULTS, "defaults");
        defaultRetry = RetrySpec.read(block.get("retry"), "/defaults/retry", "defaults", reader);
        defaultTimeout = reader.duration(block, "/defaults", "timeout", "defaults");
        if (defaultTimeout != null && (defaultTimeout.isZero() || defaultTimeout.isNegative())) {
          problems.value("/defaults/timeout", "defaults: timeout must be longer than zero");
        }
      }
    }
    var nodeReader = new NodeReader(reader, defaultRetry, defaultTimeout);
    for (int i = 0; i < list.size(); i++) {
      nodes.add(nodeReader.read(list.get(i), LocatedYaml.child("/nodes", i), i));
    }
    return nodes;
  }

  private Map<String, Object> readOutputs(ObjectNode root) {
    JsonNode value = root.get("outputs");
    if (value == null || value.isNull()) {
      return Map.of();
    }
    ObjectNode outputs = reader.mapping(value, "/outputs", "outputs");
    if (outputs == null) {
      return Map.of();
    }
    @SuppressWarnings("unchecked")
    var plain = (Map<String, Object>) TreeReader.plain(outputs);
    return new LinkedHashMap<>(plain);
  }

  private void checkExpressions(ObjectNode root, LocatedYaml yaml, Set<String> nodeIds) {
    var inputs = new LinkedHashSet<>(InputReader.names(root.get("inputs")));
    var check = new ExpressionCheck(problems, yaml, nodeIds, inputs);
    var top = new ExpressionCheck.Scope(idsOf(root.get("nodes")), ExpressionCheck.ROOTS);
    checkList(check, root.get("nodes"), "/nodes", top);
    check.in(top).templates(root.get("outputs"), "/outputs", "outputs");
    checkTriggers(check, root.get("triggers"));
  }

  /** Checks the templates of each trigger against the names its kind offers. */
  private static void checkTriggers(ExpressionCheck check, JsonNode triggers) {
    for (int i = 0; triggers != null && triggers.isArray() && i < triggers.size(); i++) {
      JsonNode trigger = triggers.get(i);
      List<String> roots = TriggerReader.ROOTS.get(trigger.path("type").asText(""));
      if (roots == null) {
        continue; // an unknown type, reported by the reader
      }
      String pointer = LocatedYaml.child("/triggers", i);
      String owner = "trigger '" + trigger.path("id").asText(String.valueOf(i)) + "'";
      var scope = new ExpressionCheck.Scope(Set.of(), roots);
      check.in(scope).templates(trigger.get("inputs"), pointer + "/inputs", owner);
      check
          .in(scope)
          .templates(trigger.get("idempotency_key"), pointer + "/idempotency_key", owner);
    }
  }

  /** Checks the expressions of a node list whose nodes see {@code outer} and each other. */
  private void checkList(
      ExpressionCheck check, JsonNode nodes, String base, ExpressionCheck.Scope scope) {
    for (int i = 0; nodes != null && nodes.isArray() && i < nodes.size(); i++) {
      JsonNode node = nodes.get(i);
      if (!node.isObject()) {
        continue;
      }
      String pointer = LocatedYaml.child(base, i);
      String owner =
          node.path("id").isTextual() ? "node '" + node.path("id").textValue() + "'" : "node " + i;
      JsonNode when = node.get("when");
      for (int j = 0; when != null && when.isArray() && j < when.size(); j++) {
        check.in(scope).condition(when.get(j).get("if"), pointer + "/when/" + j + "/if", owner);
      }
      check.in(scope).condition(node.get("switch"), pointer + "/switch", owner);
      if (node.path("type").asText("task").equals("task")) {
        check.in(scope).taskInput(node.get("with"), pointer + "/with", owner);
      } else {
        check.in(scope).templates(node.get("with"), pointer + "/with", owner);
      }
      switch (node.path("type").asText("task")) {
        case "loop" -> {
          var inner = scope.with(idsOf(node.get("body")), List.of("loop"));
          checkList(check, node.get("body"), pointer + "/body", inner);
          check.in(inner).condition(node.get("until"), pointer + "/until", owner);
          check.in(inner).condition(node.get("break_if"), pointer + "/break_if", owner);
          check.in(inner).templates(node.get("output"), pointer + "/output", owner);
        }
        case "foreach" -> {
          check.in(scope).templates(node.get("items"), pointer + "/items", owner);
          var inner = scope.with(idsOf(node.get("body")), List.of("item", "item_index"));
          checkList(check, node.get("body"), pointer + "/body", inner);
          check.in(inner).templates(node.get("output"), pointer + "/output", owner);
        }
        case "fork" -> {
          if (node.get("branches") instanceof ObjectNode branches) {
            for (var it = branches.fields(); it.hasNext(); ) {
              var branch = it.next();
              var inner = scope.with(idsOf(branch.getValue()), List.of());
              checkList(
                  check,
                  branch.getValue(),
                  LocatedYaml.child(pointer + "/branches", branch.getKey()),
                  inner);
            }
          }
          JsonNode join = node.get("join");
          if (join != null && join.isObject()) {
            check
                .in(scope.with(Set.of(), List.of("branch")))
                .condition(join.get("score"), pointer + "/join/score", owner);
          }
        }
        default -> check.in(scope).templates(node.get("until"), pointer + "/until", owner);
      }
      check.in(scope).templates(node.get("message"), pointer + "/message", owner);
    }
  }

  /** The well-formed ids of a node list as written. */
  private static Set<String> idsOf(JsonNode nodes) {
    var ids = new LinkedHashSet<String>();
    for (int i = 0; nodes != null && nodes.isArray() && i < nodes.size(); i++) {
      JsonNode id = nodes.get(i).get("id");
      if (id != null && id.isTextual()) {
        ids.add(id.textValue());
      }
    }
    return ids;
  }
}
