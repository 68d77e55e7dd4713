package io.aispine.agents.runtime;

import io.aispine.engine.Engine;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.flow.FlowConcurrency;
import io.aispine.flow.FlowParser;
import io.aispine.store.FlowStore;
import io.aispine.store.StoredFlow;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@code concurrency: {max_running: N}} of flows: of the unfinished executions of a flow (any
 * version), only the {@code N} oldest may call agents; the others wait, in the order they were
 * created, until one of those ends. Oldest first means none starves, and an execution keeps its
 * place while it runs from one node to the next.
 *
 * <p>Execution ids are monotonic ULIDs, so their order is the order of creation. The active set is
 * primed from the store at start-up and kept by the engine's events; before refusing, the
 * executions ahead are checked against the engine so that a missed event never holds a slot for
 * ever.
 */
final class FlowAdmission implements Engine.EventListener {

  private final FlowStore flows;
  private final Function<String, Optional<ExecutionState>> executions;
  private final Map<String, Optional<FlowConcurrency>> limits = new ConcurrentHashMap<>();
  private final Map<String, NavigableSet<String>> activeByFlow = new ConcurrentHashMap<>();
  private final Map<String, String> flowOf = new ConcurrentHashMap<>();
  private volatile Consumer<String> freed = flowId -> {};

  /**
   * @param executions the current state of an execution (the engine's)
   */
  public FlowAdmission(FlowStore flows, Function<String, Optional<ExecutionState>> executions) {
    this.flows = flows;
    this.executions = executions;
  }

  /** Who is told the id of a flow one of whose executions just ended. */
  public void onSlotFreed(Consumer<String> listener) {
    this.freed = listener;
  }

  /** Records the executions that were unfinished when the server started. */
  public void prime(Collection<ExecutionState> active) {
    active.forEach(state -> add(state.id(), state.flowId()));
  }

  /**
   * True when the execution may call an agent now: its flow has no limit, or fewer than {@code
   * max_running} unfinished executions of the flow are older than it.
   *
   * @param flowRef the execution's {@code flowId@version}
   */
  public boolean admits(String executionId, String flowRef) {
    Optional<FlowConcurrency> limit = limit(flowRef);
    if (limit.isEmpty()) {
      return true;
    }
    String flowId = flowRef.substring(0, flowRef.lastIndexOf('@'));
    NavigableSet<String> active = add(executionId, flowId);
    int ahead = 0;
    for (String older : active.headSet(executionId, false)) {
      if (++ahead >= limit.get().maxRunning()) {
        return recount(active, executionId, limit.get().maxRunning());
      }
    }
    return true;
  }

  /** How many unfinished executions of {@code flowId} wait behind the limit or run. */
  public int active(String flowId) {
    NavigableSet<String> active = activeByFlow.get(flowId);
    return active == null ? 0 : active.size();
  }

  @Override
  public void onEvent(ExecutionEvent event) {
    switch (event.type()) {
      case EXECUTION_STARTED, EXECUTION_RETRIED ->
          executions.apply(event.executionId()).ifPresent(s -> add(s.id(), s.flowId()));
      case EXECUTION_COMPLETED, EXECUTION_FAILED, EXECUTION_CANCELLED -> {
        String flowId = remove(event.executionId());
        if (flowId != null) {
          freed.accept(flowId);
        }
      }
      default -> {}
    }
  }

  private boolean recount(NavigableSet<String> active, String executionId, int max) {
    int ahead = 0;
    for (String older : active.headSet(executionId, false)) {
      boolean running = executions.apply(older).map(s -> !s.status().terminal()).orElse(false);
      if (!running) {
        remove(older);
      } else if (++ahead >= max) {
        return false;
      }
    }
    return true;
  }

  private NavigableSet<String> add(String executionId, String flowId) {
    flowOf.put(executionId, flowId);
    NavigableSet<String> active =
        activeByFlow.computeIfAbsent(flowId, f -> new ConcurrentSkipListSet<>());
    active.add(executionId);
    return active;
  }

  private String remove(String executionId) {
    String flowId = flowOf.remove(executionId);
    if (flowId != null) {
      NavigableSet<String> active = activeByFlow.get(flowId);
      if (active != null) {
        active.remove(executionId);
      }
    }
    return flowId;
  }

  private Optional<FlowConcurrency> limit(String flowRef) {
    return limits.computeIfAbsent(
        flowRef,
        ref -> {
          int at = ref.lastIndexOf('@');
          if (at < 0) {
            return Optional.empty();
          }
          Optional<StoredFlow> stored = flows.find(ref.substring(0, at), ref.substring(at + 1));
          // a stored version was valid when it was deployed; parse it again to read its limit
          return stored
              .map(
                  s ->
                      Optional.ofNullable(
                          FlowParser.parse(s.source(), s.id() + "@" + s.version()).concurrency()))
              .orElse(Optional.empty());
        });
  }
}
