package io.aispine.agents.runtime;

import io.aispine.agent.AgentProvider;
import io.aispine.agents.remote.HealthReport;
import io.aispine.store.RegisteredAgent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of every agent version: checked every {@code interval} in the background and on
 * demand. A version is {@code down} when it does not answer its health check or its circuit is
 * open, {@code degraded} when it answers slowly or its circuit is half-open, else {@code healthy}.
 * Built-ins run in this process and are healthy while it runs.
 */
public final class AgentHealth implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AgentHealth.class);

  /** The outcome of one check of one version. */
  public record Check(boolean answered, long latencyMs, String lastError, Instant checkedAt) {}

  private final AgentCatalog catalog;
  private final CircuitBreakers circuits;
  private final Duration slow;
  private final InstantSource clock;
  private final Map<String, Check> checks = new ConcurrentHashMap<>();
  private final ScheduledExecutorService schedule =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("aispine-health").daemon().factory());

  public AgentHealth(
      AgentCatalog catalog, CircuitBreakers circuits, Duration slow, InstantSource clock) {
    this.catalog = catalog;
    this.circuits = circuits;
    this.slow = slow;
    this.clock = clock;
  }

  /** Checks every version now and then every {@code interval}. */
  public AgentHealth every(Duration interval) {
    schedule.scheduleWithFixedDelay(this::checkAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Checks every built-in and registered version once. */
  public void checkAll() {
    try {
      catalog.builtins().providers().values().forEach(this::check);
      for (String name : catalog.registeredNames()) {
        for (RegisteredAgent agent : catalog.registered(name)) {
          check(agent);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("agent health checks failed", e); // the next round tries again
    }
  }

  /** Checks a built-in: it runs in this process, so it answers at once. */
  public Map<String, Object> check(AgentProvider builtin) {
    String key = builtin.name() + "@" + builtin.version();
    checks.put(key, new Check(true, 0, null, clock.instant()));
    return view(key);
  }

  /** Calls {@code GET /health} on a registered version now. */
  public Map<String, Object> check(RegisteredAgent agent) throws InterruptedException {
    String key = agent.name() + "@" + agent.version();
    HealthReport report = catalog.client(agent).health();
    checks.put(
        key,
        new Check(
            report.healthy(),
            report.latency().toMillis(),
            report.healthy() ? null : report.problem(),
            clock.instant()));
    return view(key);
  }

  /**
   * The health of {@code name@version}: {@code state} ({@code healthy}, {@code degraded}, {@code
   * down} or {@code unknown} before its first check), {@code latency_ms}, {@code last_error},
   * {@code checked_at}.
   */
  public Map<String, Object> view(String agentKey) {
    Check check = checks.get(agentKey);
    String circuit = circuits.view(agentKey).state();
    var map = new LinkedHashMap<String, Object>(4);
    map.put("state", state(check, circuit));
    map.put("latency_ms", check == null ? null : check.latencyMs());
    map.put("last_error", check == null ? null : check.lastError());
    map.put("checked_at", check == null ? null : check.checkedAt().toString());
    return map;
  }

  /** The last check of {@code name@version}, if any. */
  public Optional<Check> last(String agentKey) {
    return Optional.ofNullable(checks.get(agentKey));
  }

  private String state(Check check, String circuit) {
    if ("open".equals(circuit) || (check != null && !check.answered())) {
      return "down";
    }
    if (check == null) {
      return "unknown";
    }
    if ("half_open".equals(circuit) || check.latencyMs() > slow.toMillis()) {
      return "degraded";
    }
    return "healthy";
  }

  @Override
  public void close() {
    schedule.shutdownNow();
  }
}
