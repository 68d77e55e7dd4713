package io.aispine.engine.runtime.internal;

import io.aispine.flow.Flow;
import io.aispine.flow.FlowGraph;
import io.aispine.flow.FlowParser;
import io.aispine.store.FlowConflictException;
import io.aispine.store.FlowStore;
import io.aispine.store.StoreException;
import io.aispine.store.StoredFlow;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The graphs of the flow versions executions run, by {@code id@version}: built once, and loaded
 * from the flow store (and parsed) when an execution from before a restart needs one.
 *
 * <p>At most {@link #DEFAULT_CAPACITY} graphs are kept: a server that has seen many thousands of
 * versions (every CI run deploying one) must not hold them all. Past the bound, a tenth of the
 * graphs are dropped, whichever the map yields first; a dropped graph that is still in use is
 * loaded and parsed again on its next step. Reads take no lock.
 */
public final class FlowGraphs {

  /** How many graphs are kept by default. */
  public static final int DEFAULT_CAPACITY = 1024;

  private final FlowStore flows;
  private final int capacity;
  // Every graph here is stored: register saves before caching, get loads from the store.
  private final Map<String, FlowGraph> graphs = new ConcurrentHashMap<>();

  public FlowGraphs(FlowStore flows) {
    this(flows, DEFAULT_CAPACITY);
  }

  public FlowGraphs(FlowStore flows, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.flows = flows;
    this.capacity = capacity;
  }

  /** How many graphs are kept now. */
  public int size() {
    return graphs.size();
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
    if (known != null) {
      return known;
    }
    // Idempotent for the same source; a conflict if this version was stored with another one (which
    // is how a conflict is still caught after its graph was dropped from here).
    flows.save(new StoredFlow(flow.id(), flow.version().text(), flow.source(), now));
    return keep(ref, FlowGraph.of(flow));
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
    return keep(ref, FlowGraph.of(FlowParser.parse(stored.source(), ref)));
  }

  private FlowGraph keep(String ref, FlowGraph graph) {
    FlowGraph kept = graphs.putIfAbsent(ref, graph);
    if (kept != null) {
      return kept;
    }
    if (graphs.size() > capacity) {
      int target = capacity - capacity / 10;
      Iterator<String> refs = graphs.keySet().iterator();
      while (graphs.size() > target && refs.hasNext()) {
        if (!refs.next().equals(ref)) {
          refs.remove();
        }
      }
    }
    return graph;
  }
}
