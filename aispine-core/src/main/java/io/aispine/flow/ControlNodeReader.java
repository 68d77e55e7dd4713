package io.aispine.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the control-flow node kinds: {@code loop}, {@code foreach} and {@code fork}, which hold
 * bodies of nodes read by the same {@link NodeReader}, and {@code subflow}.
 */
final class ControlNodeReader {

  /** The kinds whose nodes run a body; they have no attempts, so no retry and no timeout. */
  static final Set<String> CONTAINERS = Set.of("loop", "foreach", "fork");

  private static final Pattern BRANCH = Pattern.compile("[a-z][a-zA-Z0-9_-]{0,62}");
  private static final Pattern FLOW_REF = Pattern.compile("[a-z][a-z0-9_-]{0,62}(@.+)?");
  private static final Set<String> JOIN_FIELDS = Set.of("strategy", "score", "on_branch_failure");

  /** The fields every node kind shares once the node's id, type and edges are read. */
  record Common(
      String id,
      List<String> needs,
      TriggerRule trigger,
      NodeOptions options,
      SourceLocation location) {

    boolean complete() {
      return id != null && needs != null && trigger != null && options != null;
    }
  }

  private final TreeReader reader;
  private final ProblemList problems;
  private final NodeReader nodes;

  ControlNodeReader(TreeReader reader, NodeReader nodes) {
    this.reader = reader;
    this.problems = reader.problems();
    this.nodes = nodes;
  }

  /**
   * The options of a container: {@code on_error} and {@code continue_on_error} apply to it as a
   * whole; retries and timeouts belong to the nodes of its body, so the flow's defaults do not
   * apply and setting them here is an error.
   */
  NodeOptions options(ObjectNode node, String pointer, String owner) {
    boolean ok = true;
    for (String field : List.of("retry", "timeout")) {
      if (node.has(field)) {
        problems.key(
            LocatedYaml.child(pointer, field),
            TreeReader.prefix(owner)
                + field
                + " does not apply to a "
                + node.path("type").asText()
                + " node; set it on the nodes of its body (or under defaults)");
        ok = false;
      }
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
      ok = false;
    }
    return ok ? new NodeOptions(RetryPolicy.NONE, null, onError, continueOnError) : null;
  }

  Node loop(ObjectNode node, String pointer, String owner, Common c) {
    List<Node> body = body(node, pointer, owner);
    boolean ok = reader.require(node, pointer, "max_iterations", owner);
    Integer max = count(node, pointer, "max_iterations", owner, 10_000);
    String until = reader.text(node, pointer, "until", owner);
    String breakIf = reader.text(node, pointer, "break_if", owner);
    LoopNode.OnMax onMax =
        choice(node, pointer, "on_max", owner, LoopNode.OnMax.class, LoopNode.OnMax.FAIL);
    Object output = TreeReader.plain(node.get("output"));
    if (!ok || body == null || max == null || onMax == null || !c.complete()) {
      return null;
    }
    return new LoopNode(
        c.id(),
        c.needs(),
        c.trigger(),
        c.options(),
        c.location(),
        body,
        until,
        breakIf,
        max,
        onMax,
        output);
  }

  Node foreach(ObjectNode node, String pointer, String owner, Common c) {
    List<Node> body = body(node, pointer, owner);
    boolean ok = reader.require(node, pointer, "items", owner);
    String items = reader.text(node, pointer, "items", owner);
    if (items != null && !items.contains("${")) {
      problems.value(
          LocatedYaml.child(pointer, "items"),
          TreeReader.prefix(owner)
              + "items must be a ${…} template yielding a list, like \"${inputs.guests}\"");
      ok = false;
    }
    Integer concurrency =
        node.has("max_concurrency")
            ? count(node, pointer, "max_concurrency", owner, 100_000)
            : Integer.valueOf(ForeachNode.DEFAULT_CONCURRENCY);
    ForeachNode.ItemFailure onItemError =
        choice(
            node,
            pointer,
            "on_item_error",
            owner,
            ForeachNode.ItemFailure.class,
            ForeachNode.ItemFailure.FAIL_FAST);
    Object output = TreeReader.plain(node.get("output"));
    if (!ok
        || items == null
        || body == null
        || concurrency == null
        || onItemError == null
        || !c.complete()) {
      return null;
    }
    return new ForeachNode(
        c.id(),
        c.needs(),
        c.trigger(),
        c.options(),
        c.location(),
        items,
        concurrency,
        onItemError,
        body,
        output);
  }

  Node fork(ObjectNode node, String pointer, String owner, Common c) {
    boolean ok = reader.require(node, pointer, "branches", owner);
    String at = LocatedYaml.child(pointer, "branches");
    var branches = new LinkedHashMap<String, List<Node>>();
    JsonNode value = node.get("branches");
    if (ok && (!value.isObject() || value.size() < 2)) {
      problems.value(
          at,
          TreeReader.prefix(owner)
              + "branches must map at least two branch names to lists of nodes, got "
              + (value.isObject() ? value.size() + " branch" : TreeReader.show(value)));
      ok = false;
    } else if (ok) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        var branch = it.next();
        String name = branch.getKey();
        String branchPointer = LocatedYaml.child(at, name);
        if (!BRANCH.matcher(name).matches()) {
          problems.key(
              branchPointer,
              TreeReader.prefix(owner)
                  + "branch name '"
                  + name
                  + "' must start with a lowercase letter and use only letters, digits, '_' and"
                  + " '-'");
          ok = false;
          continue;
        }
        List<Node> list =
            nodeList(branch.getValue(), branchPointer, owner + " branch '" + name + "'");
        ok &= list != null;
        if (list != null) {
          branches.put(name, list);
        }
      }
    }
    ForkNode.Join join = join(node, pointer, owner);
    if (!ok || join == null || !c.complete()) {
      return null;
    }
    return new ForkNode(c.id(), c.needs(), c.trigger(), c.options(), c.location(), branches, join);
  }

  Node subflow(ObjectNode node, String pointer, String owner, Common c) {
    boolean ok = reader.require(node, pointer, "flow", owner);
    String flow = reader.text(node, pointer, "flow", owner);
    if (flow != null && !validFlowReference(flow)) {
      problems.value(
          LocatedYaml.child(pointer, "flow"),
          TreeReader.prefix(owner)
              + "flow must be a flow id or id@range like kyc or kyc@^1.2, got '"
              + flow
              + "'");
      ok = false;
    }
    Map<String, Object> with = reader.with(node, pointer, owner);
    ok &= with != null;
    if (!ok || flow == null || !c.complete()) {
      return null;
    }
    return new SubflowNode(
        c.id(), c.needs(), c.trigger(), c.options(), c.location(), flow.strip(), with);
  }

  /** {@code id} or {@code id@range} with a range semver4j understands. */
  static boolean validFlowReference(String flow) {
    if (!FLOW_REF.matcher(flow.strip()).matches()) {
      return false;
    }
    // the agent-reference rules for ranges are the same; the id pattern is stricter
    String range = flow.contains("@") ? flow.substring(flow.indexOf('@')) : "";
    return NodeReader.validAgentReference("f" + range);
  }

  private ForkNode.Join join(ObjectNode node, String pointer, String owner) {
    JsonNode value = node.get("join");
    if (value == null || value.isNull()) {
      return new ForkNode.Join(ForkNode.Strategy.ALL, null, ForkNode.BranchFailure.FAIL);
    }
    String at = LocatedYaml.child(pointer, "join");
    ObjectNode join = reader.mapping(value, at, TreeReader.prefix(owner) + "join");
    if (join == null) {
      return null;
    }
    String joinOwner = owner + " join";
    reader.rejectUnknownFields(join, at, JOIN_FIELDS, joinOwner);
    ForkNode.Strategy strategy =
        choice(join, at, "strategy", joinOwner, ForkNode.Strategy.class, ForkNode.Strategy.ALL);
    String score = reader.text(join, at, "score", joinOwner);
    if (strategy == ForkNode.Strategy.BEST && score == null && !join.has("score")) {
      problems.key(
          at,
          joinOwner
              + ": strategy best needs a score expression, like score: \"branch.output.confidence\"");
      return null;
    }
    if (strategy != null && strategy != ForkNode.Strategy.BEST && score != null) {
      problems.key(
          LocatedYaml.child(at, "score"),
          joinOwner + ": score is only read by strategy best; remove it or set strategy: best");
      return null;
    }
    // all fails on a failed branch by default; first and best pick among the branches that succeed
    ForkNode.BranchFailure fallback =
        strategy == ForkNode.Strategy.ALL
            ? ForkNode.BranchFailure.FAIL
            : ForkNode.BranchFailure.IGNORE;
    ForkNode.BranchFailure onFailure =
        choice(join, at, "on_branch_failure", joinOwner, ForkNode.BranchFailure.class, fallback);
    if (strategy == null || onFailure == null) {
      return null;
    }
    return new ForkNode.Join(strategy, score, onFailure);
  }

  private List<Node> body(ObjectNode node, String pointer, String owner) {
    if (!reader.require(node, pointer, "body", owner)) {
      return null;
    }
    return nodeList(node.get("body"), LocatedYaml.child(pointer, "body"), owner + " body");
  }

  private List<Node> nodeList(JsonNode value, String pointer, String owner) {
    if (!value.isArray() || value.isEmpty()) {
      problems.value(
          pointer,
          owner
              + (value.isArray()
                  ? " must list at least one node"
                  : " must be a list of nodes, got " + TreeReader.show(value)));
      return null;
    }
    var list = new ArrayList<Node>(value.size());
    boolean ok = true;
    for (int i = 0; i < value.size(); i++) {
      Node read = nodes.read(value.get(i), LocatedYaml.child(pointer, i), i);
      ok &= read != null;
      list.add(read);
    }
    return ok ? list : null;
  }

  private Integer count(ObjectNode node, String pointer, String field, String owner, int max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber() && value.asLong() >= 1 && value.asLong() <= max) {
      return value.asInt();
    }
    problems.value(
        LocatedYaml.child(pointer, field),
        TreeReader.prefix(owner)
            + field
            + " must be a whole number from 1 to "
            + max
            + ", got "
            + TreeReader.show(value));
    return null;
  }

  /** An enum field written in lower case ({@code fail_fast}), or {@code absent} when missing. */
  private <E extends Enum<E>> E choice(
      ObjectNode node, String pointer, String field, String owner, Class<E> type, E absent) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return absent;
    }
    var names = new ArrayList<String>();
    for (E constant : type.getEnumConstants()) {
      String name = constant.name().toLowerCase(Locale.ROOT);
      names.add(name);
      if (value.isTextual() && value.textValue().equals(name)) {
        return constant;
      }
    }
    problems.value(
        LocatedYaml.child(pointer, field),
        TreeReader.prefix(owner)
            + field
            + " must be one of "
            + String.join(", ", names)
            + ", got "
            + TreeReader.show(value)
            + DidYouMean.hint(value.isTextual() ? value.textValue() : "", names));
    return null;
  }
}
