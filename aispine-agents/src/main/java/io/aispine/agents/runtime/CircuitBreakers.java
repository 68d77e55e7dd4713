package io.aispine.agents.runtime;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agent.AgentUnavailableException;
import io.aispine.agent.CallGuard;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Resilience4j circuit breaker per agent version ({@code name@version}), set by a {@link
 * CircuitPolicy}: a high enough share of outages among the latest calls opens the circuit, and
 * calls are refused with {@link AgentUnavailableException} (their nodes wait) until the policy's
 * open time has passed; then a few probe calls go through (half-open) and decide whether it closes.
 *
 * <p>An outage is a call the agent could not serve: {@link AgentException.Unreachable} (no
 * connection, no answer in time, a broken exchange, a 5xx of its transport) or a crash (a runtime
 * exception of a built-in). Everything an agent answers, its own errors included, retryable or not,
 * comes from a working agent and counts as a success: a flow whose node fails on purpose, or an
 * agent whose upstream is down, must not shut the agent off for every other execution.
 *
 * <p>The open-to-half-open move happens on the next call after the wait (Resilience4j reads the
 * injected clock), so no scheduler thread runs and tests advance time instead of sleeping.
 */
public final class CircuitBreakers implements CallGuard {

  /** Sees every guarded call: the metrics of an agent version. */
  @FunctionalInterface
  public interface CallObserver {
    /** A call ended; {@code outcome} is {@code success}, {@code error} or {@code rejected}. */
    void onCall(String agentKey, String outcome, Duration duration);

    /** A call that ended as {@code error} failed with this error code (told after onCall). */
    default void onError(String agentKey, String code) {}

    /** Observes nothing. */
    CallObserver NONE = (agentKey, outcome, duration) -> {};
  }

  /** An agent version's circuit as the API shows it. */
  public record View(String state, int failures, Instant openUntil, long rejected) {

    /** The API form: {@code state}, {@code failures}, {@code open_until}, {@code rejected}. */
    public Map<String, Object> toMap() {
      var map = new java.util.LinkedHashMap<String, Object>(4);
      map.put("state", state);
      map.put("failures", failures);
      map.put("open_until", openUntil == null ? null : openUntil.toString());
      map.put("rejected", rejected);
      return map;
    }
  }

  /** An outage Resilience4j records; the failure itself is reported to the engine as is. */
  private static final class Outage extends Exception {
    Outage(String message) {
      super(message, null, false, false);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(CircuitBreakers.class);

  private static final Duration PROBE_WAIT = Duration.ofSeconds(5);

  private final CircuitBreakerRegistry registry;
  private final Clock clock;
  private final Duration openFor;
  private final int probes;
  private final CallObserver observer;
  // when each open circuit lets a probe through; Resilience4j keeps it but does not expose it
  private final Map<String, Instant> openUntil = new ConcurrentHashMap<>();

  public CircuitBreakers(CircuitPolicy policy, Clock clock, CallObserver observer) {
    this.clock = clock;
    this.openFor = policy.openFor();
    this.probes = policy.probes();
    this.observer = observer;
    this.registry =
        CircuitBreakerRegistry.of(
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.window())
                .minimumNumberOfCalls(policy.minimumCalls())
                .failureRateThreshold(policy.failureRatePercent())
                .waitDurationInOpenState(policy.openFor())
                .permittedNumberOfCallsInHalfOpenState(policy.probes())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
    registry
        .getEventPublisher()
        .onEntryAdded(
            added -> added.getAddedEntry().getEventPublisher().onStateTransition(this::logMove));
  }

  /** Says in the log when an agent's circuit opens (WARN), lets probes through and closes. */
  private void logMove(CircuitBreakerOnStateTransitionEvent event) {
    String agent = event.getCircuitBreakerName();
    switch (wireName(event.getStateTransition().getToState())) {
      case "open" -> {
        CircuitBreaker.Metrics metrics = breaker(agent).getMetrics();
        log.warn(
            "circuit of agent {} opened: {} of its last {} calls were outages; its nodes wait {}"
                + " before probe calls are let through",
            agent,
            metrics.getNumberOfFailedCalls(),
            metrics.getNumberOfBufferedCalls(),
            openFor.toMillis() < 1000 ? openFor.toMillis() + " ms" : openFor.toSeconds() + " s");
      }
      case "half_open" ->
          log.info("circuit of agent {} half-open: letting {} probe calls through", agent, probes);
      default -> log.info("circuit of agent {} closed: calls go through again", agent);
    }
  }

  @Override
  public Agent guard(String agentKey, Agent agent) {
    CircuitBreaker breaker = breaker(agentKey);
    return call -> {
      if (!breaker.tryAcquirePermission()) {
        observer.onCall(agentKey, "rejected", Duration.ZERO);
        throw refusal(agentKey, breaker);
      }
      long started = System.nanoTime();
      try {
        AgentResult result = agent.execute(call);
        answered(
            agentKey,
            breaker,
            started,
            result instanceof AgentResult.Failure f ? f.error().code() : null);
        return result;
      } catch (AgentUnavailableException e) {
        // a limit inside the circuit held the call back: the agent was not called
        breaker.releasePermission();
        throw e;
      } catch (AgentException.Unreachable e) {
        outage(agentKey, breaker, started, e.code());
        throw e;
      } catch (AgentException e) {
        answered(agentKey, breaker, started, e.code());
        throw e;
      } catch (RuntimeException e) {
        outage(agentKey, breaker, started, "AGENT_CRASHED");
        throw e;
      } catch (InterruptedException e) {
        // cancelled or timed out by the engine: says nothing certain about the agent
        breaker.releasePermission();
        throw e;
      }
    };
  }

  /** The circuit of an agent version; closed when it was never called. */
  public View view(String agentKey) {
    CircuitBreaker breaker = breaker(agentKey);
    CircuitBreaker.State state = breaker.getState();
    Instant until = state == CircuitBreaker.State.OPEN ? openUntil.get(agentKey) : null;
    return new View(
        wireName(state),
        breaker.getMetrics().getNumberOfFailedCalls(),
        until,
        breaker.getMetrics().getNumberOfNotPermittedCalls());
  }

  /** 0 closed, 1 half-open, 2 open: the {@code aispine_agent_circuit_state} gauge. */
  public int stateCode(String agentKey) {
    return switch (breaker(agentKey).getState()) {
      case HALF_OPEN -> 1;
      case OPEN, FORCED_OPEN -> 2;
      default -> 0;
    };
  }

  /** Closes the circuit and forgets its failures. */
  public View reset(String agentKey) {
    breaker(agentKey).reset();
    openUntil.remove(agentKey);
    return view(agentKey);
  }

  /** The agent versions that have a circuit. */
  public List<String> keys() {
    return registry.getAllCircuitBreakers().stream().map(CircuitBreaker::getName).sorted().toList();
  }

  /** The circuit of {@code agentKey} if it was ever used. */
  public Optional<View> find(String agentKey) {
    return registry.find(agentKey).map(b -> view(agentKey));
  }

  private CircuitBreaker breaker(String agentKey) {
    return registry.circuitBreaker(agentKey);
  }

  /**
   * The agent answered: a success for the circuit, even when the answer is an error of its own
   * ({@code errorCode} not null), which the metrics still count as an error.
   */
  private void answered(String agentKey, CircuitBreaker breaker, long started, String errorCode) {
    long nanos = System.nanoTime() - started;
    breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    openUntil.remove(agentKey);
    observer.onCall(agentKey, errorCode == null ? "success" : "error", Duration.ofNanos(nanos));
    if (errorCode != null) {
      observer.onError(agentKey, errorCode);
    }
  }

  /** The agent could not serve the call: an outage for the circuit. */
  private void outage(String agentKey, CircuitBreaker breaker, long started, String code) {
    long nanos = System.nanoTime() - started;
    boolean wasOpen = breaker.getState() == CircuitBreaker.State.OPEN;
    breaker.onError(nanos, TimeUnit.NANOSECONDS, new Outage(code));
    if (!wasOpen && breaker.getState() == CircuitBreaker.State.OPEN) {
      openUntil.put(agentKey, clock.instant().plus(openFor));
    }
    observer.onCall(agentKey, "error", Duration.ofNanos(nanos));
    observer.onError(agentKey, code);
  }

  private AgentUnavailableException refusal(String agentKey, CircuitBreaker breaker) {
    Instant now = clock.instant();
    Instant until = openUntil.get(agentKey);
    if (breaker.getState() == CircuitBreaker.State.OPEN && until != null && until.isAfter(now)) {
      until = until.plusMillis(1); // Resilience4j lets the probe through strictly after the wait
    } else {
      // half-open: a probe is in flight; look again soon rather than after a full wait
      until = now.plus(openFor.compareTo(PROBE_WAIT) < 0 ? openFor : PROBE_WAIT);
    }
    String state = wireName(breaker.getState());
    return new AgentUnavailableException(
        agentKey, until, "circuit_" + state, "circuit of agent " + agentKey + " is " + state);
  }

  private static String wireName(CircuitBreaker.State state) {
    return switch (state) {
      case CLOSED, DISABLED, METRICS_ONLY -> "closed";
      case HALF_OPEN -> "half_open";
      case OPEN, FORCED_OPEN -> "open";
    };
  }
}
