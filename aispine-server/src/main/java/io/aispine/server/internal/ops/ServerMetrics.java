package io.aispine.server.internal.ops;

import io.aispine.engine.Engine;
import io.aispine.execution.ExecutionEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Prometheus metrics of docs/api.md, derived from committed events: executions started and
 * finished, node durations by agent, attempts waiting for a worker and attempts running. The agent
 * runtime adds the meters of agent calls and deferrals to the same {@link #registry()}.
 *
 * <p>Queue depth and busy workers count the attempts this process saw scheduled or started; after a
 * restart, attempts resumed from the store are counted once their next event arrives.
 */
public final class ServerMetrics implements Engine.EventListener {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter started;
  // node path key → agent, kept while the node is in flight, to tag its duration
  private final Map<String, String> agents = new ConcurrentHashMap<>();
  private final Map<String, Boolean> queued = new ConcurrentHashMap<>();
  private final Map<String, Boolean> running = new ConcurrentHashMap<>();

  public ServerMetrics() {
    started =
        Counter.builder("aispine.executions.started")
            .description("Executions started")
            .register(registry);
    Gauge.builder("aispine.queue.depth", queued, Map::size)
        .description("Node attempts scheduled and waiting for a worker")
        .register(registry);
    Gauge.builder("aispine.workers.busy", running, Map::size)
        .description("Node attempts running on a worker")
        .register(registry);
    for (String status : new String[] {"succeeded", "failed", "cancelled"}) {
      finished(status); // present at 0 from the start, so dashboards see every series
    }
  }

  @Override
  public void onEvent(ExecutionEvent event) {
    String key = event.executionId() + "/" + event.nodePath();
    switch (event.type()) {
      case EXECUTION_STARTED -> started.increment();
      case EXECUTION_COMPLETED -> {
        finished("succeeded").increment();
        forgetExecution(event.executionId());
      }
      case EXECUTION_FAILED -> {
        finished("failed").increment();
        forgetExecution(event.executionId());
      }
      case EXECUTION_CANCELLED -> {
        finished("cancelled").increment();
        forgetExecution(event.executionId());
      }
      case NODE_SCHEDULED -> {
        agents.put(key, agentName(event.data().get("agent")));
        queued.put(key, true);
      }
      case NODE_STARTED -> {
        queued.remove(key);
        running.put(key, true);
      }
      case NODE_COMPLETED, NODE_FAILED -> {
        running.remove(key);
        queued.remove(key);
        Object millis = event.data().get("duration_ms");
        if (millis instanceof Number number) {
          nodeDuration(agents.getOrDefault(key, "unknown"))
              .record(Duration.ofMillis(number.longValue()));
        }
        agents.remove(key);
      }
      case NODE_RETRYING, NODE_LEASE_EXPIRED, NODE_DEFERRED -> running.remove(key);
      case NODE_CANCELLED, NODE_SKIPPED -> {
        running.remove(key);
        queued.remove(key);
        agents.remove(key);
      }
      default -> {}
    }
  }

  /**
   * The agent a node reference names, without its version range: {@code echo@^1} and {@code
   * echo@>=0.0.7} are both {@code echo}. Ranges are written by flow authors, so one series per
   * reference would let every deployed flow add meters that are never freed.
   */
  static String agentName(Object reference) {
    if (reference == null) {
      return "unknown";
    }
    String text = reference.toString();
    int at = text.indexOf('@');
    return at < 0 ? text : text.substring(0, at);
  }

  /** Node attempts running now, as far as this process saw them start. */
  public int attemptsRunning() {
    return running.size();
  }

  /** The registry, for other parts of the server to add their meters to. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The metrics in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  private Counter finished(String status) {
    return Counter.builder("aispine.executions.finished")
        .description("Executions that reached a terminal status")
        .tag("status", status)
        .register(registry);
  }

  private Timer nodeDuration(String agent) {
    return Timer.builder("aispine.node.duration")
        .description("How long node attempts took, by agent name")
        .tag("agent", agent)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry);
  }

  private void forgetExecution(String executionId) {
    String prefix = executionId + "/";
    queued.keySet().removeIf(k -> k.startsWith(prefix));
    running.keySet().removeIf(k -> k.startsWith(prefix));
    agents.keySet().removeIf(k -> k.startsWith(prefix));
  }
}
