package io.aispine.agents.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * The meters of every call that passed an agent version's circuit: calls by outcome, errors by
 * code, call durations, the success ratio and the circuit's state, tagged {@code agent} and {@code
 * version}.
 */
final class AgentCallMetrics implements CircuitBreakers.CallObserver {

  /** The most error codes counted apart per agent version. */
  static final int MAX_CODES = 32;

  private final MeterRegistry registry;
  private final ToIntFunction<String> circuitState;
  private final Map<String, Gauge> circuitGauges = new ConcurrentHashMap<>();
  private final Map<String, ErrorCodes> errorCodes = new ConcurrentHashMap<>();

  /**
   * @param circuitState the state code of an agent version's circuit (0 closed, 1 half-open, 2
   *     open)
   */
  AgentCallMetrics(MeterRegistry registry, ToIntFunction<String> circuitState) {
    this.registry = registry;
    this.circuitState = circuitState;
  }

  @Override
  public void onCall(String agentKey, String outcome, Duration duration) {
    AgentTags tags = AgentTags.of(agentKey);
    Counter.builder("aispine.agent.calls")
        .description("Agent calls by agent, version and outcome (success, error, rejected)")
        .tags(tags.tags())
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    if (!"rejected".equals(outcome)) {
      Timer.builder("aispine.agent.call.duration")
          .description("How long agent calls took, by agent and version")
          .tags(tags.tags())
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofMinutes(10))
          .register(registry)
          .record(duration);
    }
    circuitGauges.computeIfAbsent(agentKey, key -> agentGauges(key, tags));
  }

  @Override
  public void onError(String agentKey, String code) {
    Counter.builder("aispine.agent.errors")
        .description("Failed agent calls by agent, version and error code")
        .tags(AgentTags.of(agentKey).tags())
        .tag("code", errorCodes.computeIfAbsent(agentKey, k -> new ErrorCodes()).tag(code))
        .register(registry)
        .increment();
  }

  /**
   * The error codes of one agent version as tag values: codes come from agents, so after {@value
   * #MAX_CODES} distinct ones the rest count as {@code OTHER}, keeping the number of series bounded
   * whatever an agent answers.
   */
  private static final class ErrorCodes {
    private final Set<String> seen = new HashSet<>();

    synchronized String tag(String code) {
      String tag = AgentTags.code(code);
      if (seen.contains(tag) || seen.size() < MAX_CODES) {
        seen.add(tag);
        return tag;
      }
      return "OTHER";
    }
  }

  /** The circuit and success-ratio gauges of a version, registered with its first call. */
  private Gauge agentGauges(String key, AgentTags tags) {
    Gauge.builder("aispine.agent.success.ratio", () -> successRatio(tags))
        .description(
            "Share of answered calls that succeeded, by agent and version (NaN before any)")
        .tags(tags.tags())
        .register(registry);
    return Gauge.builder("aispine.agent.circuit.state", () -> circuitState.applyAsInt(key))
        .description("Circuit of an agent version: 0 closed, 1 half-open, 2 open")
        .tags(tags.tags())
        .register(registry);
  }

  private double successRatio(AgentTags tags) {
    double success = calls(tags, "success");
    double answered = success + calls(tags, "error");
    return answered == 0 ? Double.NaN : success / answered;
  }

  private double calls(AgentTags tags, String outcome) {
    Counter counter =
        registry.find("aispine.agent.calls").tags(tags.tags()).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }
}
