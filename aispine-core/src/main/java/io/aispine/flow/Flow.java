package io.aispine.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated flow definition: the parsed form of one version of a flow YAML file.
 *
 * <p>Instances come from {@link FlowParser}, which guarantees that every node reference,
 * expression, duration and version in it is well formed and that the node graph is acyclic.
 *
 * @param id the flow identifier ({@code kyc-onboarding})
 * @param version the flow's semantic version
 * @param description free text, empty when absent
 * @param inputs declared inputs by name, in declaration order
 * @param nodes the nodes in declaration order
 * @param outputs output name to template ({@code "${nodes.check.output.branch}"}), in order
 * @param source the YAML text this flow was parsed from, kept so that an execution can be resumed
 *     from exactly the definition it started with
 * @param concurrency how many executions of this flow may run at once, or null for no limit
 * @param triggers how the flow starts by itself (schedules, webhooks, events), in order
 */
public record Flow(
    String id,
    FlowVersion version,
    String description,
    Map<String, InputSpec> inputs,
    List<Node> nodes,
    Map<String, Object> outputs,
    String source,
    FlowConcurrency concurrency,
    List<Trigger> triggers) {

  /** A flow without a concurrency limit. */
  public Flow(
      String id,
      FlowVersion version,
      String description,
      Map<String, InputSpec> inputs,
      List<Node> nodes,
      Map<String, Object> outputs,
      String source) {
    this(id, version, description, inputs, nodes, outputs, source, null, List.of());
  }

  /** A flow without triggers. */
  public Flow(
      String id,
      FlowVersion version,
      String description,
      Map<String, InputSpec> inputs,
      List<Node> nodes,
      Map<String, Object> outputs,
      String source,
      FlowConcurrency concurrency) {
    this(id, version, description, inputs, nodes, outputs, source, concurrency, List.of());
  }

  public Flow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    description = description == null ? "" : description;
    inputs = inputs == null ? Map.of() : unmodifiableOrdered(inputs);
    nodes = List.copyOf(nodes);
    outputs = outputs == null ? Map.of() : unmodifiableOrdered(outputs);
    source = source == null ? "" : source;
    triggers = triggers == null ? List.of() : List.copyOf(triggers);
  }

  /** The trigger with this id, if the flow declares one. */
  public Optional<Trigger> trigger(String triggerId) {
    return triggers.stream().filter(t -> t.id().equals(triggerId)).findFirst();
  }

  /** The node with this id, if the flow has one. */
  public Optional<Node> node(String nodeId) {
    for (Node node : nodes) {
      if (node.id().equals(nodeId)) {
        return Optional.of(node);
      }
    }
    return Optional.empty();
  }

  /** {@code id@version}, the way flows are named in messages and logs. */
  public String ref() {
    return id + "@" + version;
  }

  private static <V> Map<String, V> unmodifiableOrdered(Map<String, V> map) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
