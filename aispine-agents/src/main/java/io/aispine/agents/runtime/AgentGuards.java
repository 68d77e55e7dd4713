package io.aispine.agents.runtime;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentUnavailableException;
import io.aispine.agent.CallGuard;
import io.aispine.engine.Engine;
import io.aispine.execution.ExecutionEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Every check a call passes before it reaches an agent version, in this order: the agent is not
 * drained, the execution's flow is under its {@code max_running}, the circuit is not open, the
 * agent is under its concurrency limit and its rate limit. A call held back is refused with {@link
 * AgentUnavailableException}, so the engine defers the node (it waits, it does not fail) with the
 * refusal's code as the reason: {@code drained}, {@code flow_concurrency}, {@code circuit_open},
 * {@code agent_concurrency}, {@code rate_limited}.
 *
 * <p>The limits sit inside the circuit: a call the circuit refuses takes no rate token, and a probe
 * held back by a limit hands its permission back. A drained agent or a full flow is checked first,
 * so that a node's fallback agent serves it while its own agent is drained or down, but not while
 * it is merely busy.
 *
 * <p>A node held back by a drain or a concurrency limit looks again after {@code recheck} at the
 * latest, and at once when the cause goes away: see {@link HeldNodes}. A call that passed every
 * check is told to the engine as it goes to the agent ({@link #admittedTo}), which ends the wait of
 * a node held back before in its history.
 */
final class AgentGuards implements CallGuard, Engine.EventListener {

  /** Reasons a call is held back, as the {@code node.deferred} events and metrics name them. */
  public static final String DRAINED = "drained";

  public static final String FLOW_CONCURRENCY = "flow_concurrency";
  public static final String AGENT_CONCURRENCY = "agent_concurrency";
  public static final String RATE_LIMITED = "rate_limited";

  private final CircuitBreakers circuits;
  private final Drains drains;
  private final FlowAdmission flows;
  private final AgentLimits limits;
  private final ConcurrencyLimits concurrency;
  private final RateLimits rates;
  private final InstantSource clock;
  private final Duration recheck;
  private final HeldNodes held = new HeldNodes();
  private volatile Consumer<AgentCall> admitted = call -> {};

  /**
   * @param recheck how soon a call held back by a drain or a concurrency limit is tried again
   */
  public AgentGuards(
      CircuitBreakers circuits,
      Drains drains,
      FlowAdmission flows,
      AgentLimits limits,
      ConcurrencyLimits concurrency,
      RateLimits rates,
      InstantSource clock,
      Duration recheck) {
    this.circuits = circuits;
    this.drains = drains;
    this.flows = flows;
    this.limits = limits;
    this.concurrency = concurrency;
    this.rates = rates;
    this.clock = clock;
    this.recheck = recheck;
  }

  @Override
  public Agent guard(String agentKey, Agent agent) {
    int at = agentKey.indexOf('@');
    String name = at < 0 ? agentKey : agentKey.substring(0, at);
    String version = at < 0 ? null : agentKey.substring(at + 1);
    Agent limited = call -> limited(agentKey, name, agent, call);
    Agent behindCircuit = circuits.guard(agentKey, limited);
    return call -> {
      var node = new HeldNodes.Node(call.executionId(), call.nodePath());
      held.release(node); // it is being delivered: whatever held it back before is re-checked
      if (heldBack(node, "drained:" + name, () -> drains.of(name, version).isPresent())) {
        throw refusal(agentKey, DRAINED, "agent " + agentKey + " is drained", later(), false);
      }
      Object flowRef = call.context().get("flow");
      if (flowRef != null
          && heldBack(
              node,
              "flow:" + flowId(flowRef.toString()),
              () -> !flows.admits(call.executionId(), flowRef.toString()))) {
        throw refusal(
            agentKey,
            FLOW_CONCURRENCY,
            "flow " + flowRef + " runs as many executions as its concurrency allows",
            later(),
            true);
      }
      return behindCircuit.execute(call);
    };
  }

  @Override
  public void onEvent(ExecutionEvent event) {
    switch (event.type()) {
      case EXECUTION_COMPLETED, EXECUTION_FAILED, EXECUTION_CANCELLED ->
          held.forget(event.executionId());
      default -> {}
    }
  }

  /** Wakes the nodes held back by a drain of agent {@code name} that just ended. */
  public void undrained(String name) {
    held.wakeAll("drained:" + name);
  }

  /** Wakes the next execution of flow {@code flowId} held back by its {@code max_running}. */
  public void slotFreed(String flowId) {
    held.wakeOldestExecution("flow:" + flowId);
  }

  /**
   * Who is told of every call that passed all the checks, as it goes to the agent: the engine's
   * {@code callAdmitted}, which ends the wait of a node held back before.
   */
  public void admittedTo(Consumer<AgentCall> listener) {
    this.admitted = listener;
  }

  /** The nodes held back and how to wake them. */
  public HeldNodes held() {
    return held;
  }

  /**
   * True when {@code blocked} holds: the node is recorded as waiting for {@code cause} before the
   * second look, so a wake-up between the looks is not lost.
   */
  private boolean heldBack(HeldNodes.Node node, String cause, BooleanSupplier blocked) {
    if (!blocked.getAsBoolean()) {
      return false;
    }
    held.hold(node, cause);
    if (blocked.getAsBoolean()) {
      return true;
    }
    held.release(node);
    return false;
  }

  private io.aispine.agent.AgentResult limited(
      String agentKey, String name, Agent agent, AgentCall call)
      throws io.aispine.agent.AgentException, InterruptedException {
    AgentLimits.Effective effective = limits.effective(name);
    var node = new HeldNodes.Node(call.executionId(), call.nodePath());
    if (!concurrency.enter(name, effective.maxConcurrency())) {
      held.hold(node, "agent:" + name);
      if (!concurrency.enter(name, effective.maxConcurrency())) {
        throw refusal(
            agentKey,
            AGENT_CONCURRENCY,
            "agent " + name + " has " + effective.maxConcurrency() + " calls in flight, its limit",
            later(),
            true);
      }
      held.release(node);
    }
    try {
      Optional<Instant> next =
          effective.ratePerMinute() > 0
              ? rates.take(name, effective.ratePerMinute())
              : Optional.empty();
      if (next.isPresent()) {
        throw refusal(
            agentKey,
            RATE_LIMITED,
            "agent " + name + " allows " + effective.ratePerMinute() + " calls a minute",
            next.get(),
            true);
      }
      admitted.accept(call);
      return agent.execute(call);
    } finally {
      concurrency.exit(name);
      held.wakeOne("agent:" + name);
    }
  }

  private static String flowId(String flowRef) {
    int at = flowRef.lastIndexOf('@');
    return at < 0 ? flowRef : flowRef.substring(0, at);
  }

  private Instant later() {
    return clock.instant().plus(recheck);
  }

  private static AgentUnavailableException refusal(
      String agentKey, String code, String message, Instant retryAt, boolean heldByLimit) {
    return new AgentUnavailableException(agentKey, retryAt, code, message, heldByLimit);
  }
}
