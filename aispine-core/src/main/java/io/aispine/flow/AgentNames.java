package io.aispine.flow;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The agent names a flow may call (built-ins, registered agents …): the {@code agentExists} of
 * {@link FlowParser#validate(String, String, Predicate)} that also tells a node naming another one
 * which known name it probably meant.
 */
public final class AgentNames implements Predicate<String> {

  /** How many known names a message lists when none is close to the unknown one. */
  private static final int LISTED = 12;

  private final Set<String> names;

  private AgentNames(Set<String> names) {
    this.names = Collections.unmodifiableSet(names);
  }

  /** These names, in alphabetical order. */
  public static AgentNames of(Collection<String> names) {
    return new AgentNames(new TreeSet<>(names));
  }

  /** These names and {@code more}. */
  public AgentNames with(Collection<String> more) {
    var all = new TreeSet<>(names);
    all.addAll(more);
    return new AgentNames(all);
  }

  /** The names, in alphabetical order. */
  public Set<String> names() {
    return names;
  }

  /** Whether {@code name} (without a version range) is one of these names. */
  @Override
  public boolean test(String name) {
    return names.contains(name);
  }

  /**
   * The problem of node {@code nodeId}, which {@code verb}s ("uses", "falls back to") agent {@code
   * name} that {@code known} does not accept: with the closest known name when {@code known} is an
   * {@link AgentNames}.
   */
  static String unknown(String nodeId, String verb, String name, Predicate<String> known) {
    String problem = "node '" + nodeId + "' " + verb + " unknown agent '" + name + "'";
    if (!(known instanceof AgentNames agents)) {
      return problem + "; deploy or register it first";
    }
    String hint = DidYouMean.hint(name, agents.names);
    if (!hint.isEmpty()) {
      return problem + hint;
    }
    List<String> listed = agents.names.stream().limit(LISTED).toList();
    return problem
        + "; known agents: "
        + String.join(", ", listed)
        + (agents.names.size() > LISTED ? " …" : "");
  }
}
