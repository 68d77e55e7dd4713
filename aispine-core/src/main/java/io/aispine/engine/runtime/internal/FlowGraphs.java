package io.aispine.engine.runtime.internal;

import io.aispine.flow.Flow;
import io.aispine.flow.FlowGraph;
import io.aispine.flow.FlowParser;
import io.aispine.store.FlowConflictException;
import io.aispine.store.FlowStore;
import io.aispine.store.StoreException;
import io.aispine.store.StoredFlow;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The graphs of the flow versions executions run, by {@code id@version}: built once, and loaded
 * from the flow store (and parsed) when an execution from before a restart needs one.
 */
public final class FlowGraphs {

  private final FlowStore flows;
  private final Map<String, FlowGraph> graphs = new ConcurrentHashMap<>();
  private final Set<String> saved = ConcurrentHashMap.newKeySet();

  public FlowGraphs(FlowStore flows) {
    this.flows = flows;
  }

  /**
   * Stores the flow version unless this engine already did, and keeps its graph.
   *
   * @throws IllegalArgumentException when the flow has no YAML source: its executions could not
   *     resume after a restart
   */
  public FlowGraph register(Flow flow, Instant now) {
    String ref = flow.ref();
    if (flow.source().isBlank()) {
      throw new IllegalArgumentException(
          "flow "
              + ref
              + " has no YAML source; parse it with FlowParser so that its executions can resume"
              + " after a restart");
    }
    FlowGraph known = graphs.get(ref);
    if (known != null && !known.flow().source().equals(flow.source())) {
      // versions are immutable: running another body under a known version would be a lie
      throw new FlowConflictException(flow.id(), flow.version().text());
    }
    if (!saved.contains(ref)) {
      flows.save(new StoredFlow(flow.id(), flow.version().text(), flow.source(), now));
      saved.add(ref);
    }
    return graphs.computeIfAbsent(ref, r -> FlowGraph.of(flow));
  }

  /** The graph of a flow version, loading it from the store on first use. */
  public FlowGraph get(String flowId, String version) {
    String ref = flowId + "@" + version;
    FlowGraph graph = graphs.get(ref);
    if (graph != null) {
      return graph;
    }
    StoredFlow stored =
        flows
            .find(flowId, version)
            .orElseThrow(() -> new StoreException("flow " + ref + " is not in the flow store"));
    return graphs.computeIfAbsent(ref, r -> FlowGraph.of(FlowParser.parse(stored.source(), ref)));
  }
}
