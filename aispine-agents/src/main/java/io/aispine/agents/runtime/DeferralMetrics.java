package io.aispine.agents.runtime;

import io.aispine.engine.Engine;
import io.aispine.execution.ExecutionEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nodes held back by a guard, from committed {@code node.deferred} events: {@code
 * aispine_node_deferrals_total{reason}} counts waits (a node held back again when it looks again is
 * the same wait, with no event), {@code aispine_nodes_waiting{reason}} is the nodes waiting now, by
 * the reason their wait began with. A node stops waiting when its call goes through ({@code
 * node.started}) or it ends.
 */
final class DeferralMetrics implements Engine.EventListener {

  private static final List<String> REASONS =
      List.of(
          "circuit_open",
          "circuit_half_open",
          AgentGuards.DRAINED,
          AgentGuards.FLOW_CONCURRENCY,
          AgentGuards.AGENT_CONCURRENCY,
          AgentGuards.RATE_LIMITED);

  private final MeterRegistry registry;
  // execution/node path -> the reason it waits
  private final Map<String, String> waiting = new ConcurrentHashMap<>();
  private final Map<String, Counter> deferrals = new ConcurrentHashMap<>();

  public DeferralMetrics(MeterRegistry registry) {
    this.registry = registry;
    REASONS.forEach(this::meters); // present at 0 from the start, so dashboards see every series
  }

  @Override
  public void onEvent(ExecutionEvent event) {
    String key = event.executionId() + "/" + event.nodePath();
    switch (event.type()) {
      case NODE_DEFERRED -> {
        Object reason = event.data().get("reason");
        String why = reason == null ? "unavailable" : reason.toString();
        meters(why).increment();
        waiting.put(key, why);
      }
      case NODE_STARTED, NODE_COMPLETED, NODE_FAILED, NODE_CANCELLED, NODE_SKIPPED ->
          waiting.remove(key);
      case EXECUTION_COMPLETED, EXECUTION_FAILED, EXECUTION_CANCELLED -> {
        String prefix = event.executionId() + "/";
        waiting.keySet().removeIf(k -> k.startsWith(prefix));
      }
      default -> {}
    }
  }

  /** How many nodes wait now for {@code reason}. */
  public long waiting(String reason) {
    return waiting.values().stream().filter(reason::equals).count();
  }

  private Counter meters(String reason) {
    return deferrals.computeIfAbsent(
        reason,
        why -> {
          Gauge.builder("aispine.nodes.waiting", () -> waiting(why))
              .description("Nodes held back by a guard and waiting, by reason")
              .tag("reason", why)
              .register(registry);
          return Counter.builder("aispine.node.deferrals")
              .description("Node attempts held back by a guard, by reason")
              .tag("reason", why)
              .register(registry);
        });
  }
}
