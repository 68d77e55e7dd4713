package io.aispine.engine.decider.internal;

import io.aispine.engine.decider.Fact;
import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.RunChange;
import io.aispine.execution.Usage;
import io.aispine.expr.ExpressionException;
import io.aispine.flow.ApprovalNode;
import io.aispine.flow.Node;
import io.aispine.flow.WaitNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Facts about node attempts: claims, completions, failures, lost leases and fired timers. Each is
 * fenced: it applies only to the attempt and lease the node currently has, so a late or repeated
 * report changes nothing (state transitions are exactly-once even though delivery is not).
 *
 * <p>Each method returns a rejection reason, or null when the fact was applied to the draft.
 */
public final class Attempts {

  private Attempts() {}

  /**
   * A worker claimed a scheduled attempt. The claim of a node that a guard holds back is a look
   * again whose outcome is not known yet: it records nothing in the history (see {@link #resumed}).
   */
  public static String started(Draft d, Fact.NodeStarted f) {
    NodeState state = d.node(f.path());
    if (state.status() != NodeStatus.SCHEDULED
        || state.attempt() != f.attempt()
        || state.lease() != f.lease()) {
      return fenced("start", f.path(), f.attempt(), f.lease(), state);
    }
    if (state.reason() != null) {
      d.put(f.path(), NodeMoves.rechecking(state, f.at()));
      return null;
    }
    d.put(f.path(), NodeMoves.running(state, f.at()));
    d.run(new RunChange.Started(d.executionId(), f.path(), f.attempt(), f.at()));
    d.emit(EventType.NODE_STARTED, f.path(), f.attempt(), Map.of());
    return null;
  }

  /**
   * A guard let the call of a held-back node through: its wait ends, recorded as the attempt's
   * {@code node.started} (with {@code data.waited_for}, the last reason it waited for).
   */
  public static String resumed(Draft d, Fact.NodeResumed f) {
    NodeState state = d.node(f.path());
    if (state.status() != NodeStatus.RUNNING
        || state.attempt() != f.attempt()
        || state.reason() == null) {
      return "resume of node '"
          + f.path()
          + "' attempt "
          + f.attempt()
          + " that does not wait: the node is "
          + state.status().wireName()
          + " at attempt "
          + state.attempt();
    }
    endWait(d, f.path(), state, f.at());
    return null;
  }

  /** Records that a held-back node's call goes through; returns its state from then on. */
  private static NodeState endWait(Draft d, String path, NodeState state, Instant at) {
    NodeState resumed = NodeMoves.resumed(state);
    d.put(path, resumed);
    d.run(new RunChange.Started(d.executionId(), path, state.attempt(), at));
    d.emit(EventType.NODE_STARTED, path, state.attempt(), Map.of("waited_for", state.reason()));
    return resumed;
  }

  /**
   * The state of a node whose attempt reports an outcome: a node still marked waiting (its guard's
   * resume was not recorded, say because no guard told) ends its wait first, so that every outcome
   * in the history follows its {@code node.started}.
   */
  private static NodeState reporting(Draft d, String path, NodeState state, Instant at) {
    return state.reason() == null ? state : endWait(d, path, state, at);
  }

  /** An attempt returned its output. */
  public static String succeeded(Draft d, Fact.NodeSucceeded f) {
    NodeState state = d.node(f.path());
    if (!holdsLease(state, f.attempt(), f.lease())) {
      return fenced("completion", f.path(), f.attempt(), f.lease(), state);
    }
    state = reporting(d, f.path(), state, f.at());
    Usage usage = f.usage() == null ? Usage.NONE : f.usage();
    d.put(f.path(), NodeMoves.succeeded(state, f.output(), f.at()));
    d.run(
        new RunChange.Finished(
            d.executionId(),
            f.path(),
            f.attempt(),
            NodeStatus.SUCCEEDED,
            f.output(),
            null,
            usage,
            f.at(),
            f.servedBy()));
    var data = new LinkedHashMap<String, Object>(4);
    data.put("output", f.output());
    data.put("duration_ms", millis(f.duration()));
    data.put("usage", usageData(usage));
    if (f.servedBy() != null) {
      data.put("served_by", f.servedBy());
    }
    d.emit(EventType.NODE_COMPLETED, f.path(), f.attempt(), data);
    return null;
  }

  /** An attempt failed: retry after a back-off when allowed, else fail the node for good. */
  public static String failed(Draft d, Fact.NodeFailed f) {
    NodeState state = d.node(f.path());
    if (!holdsLease(state, f.attempt(), f.lease())) {
      return fenced("failure", f.path(), f.attempt(), f.lease(), state);
    }
    state = reporting(d, f.path(), state, f.at());
    ErrorInfo error = f.error();
    d.run(
        new RunChange.Finished(
            d.executionId(),
            f.path(),
            f.attempt(),
            NodeStatus.FAILED,
            null,
            error,
            null,
            f.at(),
            f.servedBy()));
    Node node = d.locate(f.path()).node();
    var retry = node.options().retry();
    int made = state.attemptsThisRound();
    if (!error.retryable() || made >= retry.maxAttempts()) {
      Failures.failFinally(d, f.path(), node, state, error);
      return null;
    }
    Duration delay = retry.delayBefore(made + 1, d.random());
    d.put(f.path(), NodeMoves.retrying(state, error));
    d.command(new Command.StartTimer(f.path(), f.at().plus(delay)));
    d.emit(EventType.NODE_FAILED, f.path(), f.attempt(), Failures.failedData(error, state, false));
    var data = new LinkedHashMap<String, Object>(4);
    data.put("error", error.toMap());
    data.put("delay_ms", delay.toMillis());
    data.put("next_attempt", f.attempt() + 1);
    d.emit(EventType.NODE_RETRYING, f.path(), f.attempt(), data);
    return null;
  }

  /**
   * The worker holding an attempt's lease is gone: deliver the same attempt again under a new
   * lease, so the lost worker's late report (if any) is fenced off.
   */
  public static String leaseExpired(Draft d, Fact.LeaseExpired f) {
    NodeState state = d.node(f.path());
    // only a running attempt has a worker to lose; a scheduled one is simply dispatched again
    if (!holdsLease(state, f.attempt(), f.lease())) {
      return fenced("lease expiry", f.path(), f.attempt(), f.lease(), state);
    }
    long lease = d.emit(EventType.NODE_LEASE_EXPIRED, f.path(), f.attempt(), Map.of());
    redeliver(d, f.path(), state, lease, f.at());
    return null;
  }

  /**
   * The attempt's agent is unavailable: deliver the same attempt again later, without counting it
   * against the retry policy. The first deferral of a wait is recorded ({@code node.deferred}, and
   * a new lease); a node that was already waiting and is held back again when it looks again only
   * has its reason and time updated, so that however long it waits, its history does not grow. Its
   * lease stays: the worker that held it reported and is gone, so no late report can use it.
   */
  public static String deferred(Draft d, Fact.NodeDeferred f) {
    NodeState state = d.node(f.path());
    if (!holdsLease(state, f.attempt(), f.lease())) {
      return fenced("deferral", f.path(), f.attempt(), f.lease(), state);
    }
    long lease = state.lease();
    if (state.reason() == null) {
      var data = new LinkedHashMap<String, Object>(2);
      data.put("until", f.until().toString());
      data.put("reason", f.reason());
      lease = d.emit(EventType.NODE_DEFERRED, f.path(), f.attempt(), data);
    }
    Command.RunTask again = redeliver(d, f.path(), state, lease, f.until());
    if (again != null) {
      // the node shows as waiting, and why; its attempt record says it has not run and when it will
      d.put(f.path(), NodeMoves.heldBack(d.node(f.path()), f.reason()));
      d.run(
          new RunChange.Scheduled(
              d.executionId(), f.path(), f.attempt(), again.agent(), again.input(), f.until()));
    }
    return null;
  }

  /** Schedules the attempt again; null when it failed instead (its input no longer resolves). */
  private static Command.RunTask redeliver(
      Draft d, String path, NodeState state, long lease, Instant runAt) {
    Scope.Located at = d.locate(path);
    // the input is resolved again rather than stored in the state: the upstream outputs it reads
    // are final, so the redelivery carries the same input as the first delivery
    Object input;
    try {
      input = ReadyNodes.input(d, at);
    } catch (ExpressionException e) {
      Failures.failFinally(
          d,
          path,
          at.node(),
          state,
          ErrorInfo.permanent(Failures.EXPRESSION_ERROR, e.getMessage()));
      return null;
    }
    d.put(path, NodeMoves.scheduled(state, state.attempt(), lease));
    var run = ReadyNodes.runTask(d, at, state.attempt(), lease, input, runAt);
    d.command(run);
    return run;
  }

  /** A durable timer fired: a retry back-off ended or a wait is over. */
  public static String timerFired(Draft d, Fact.TimerFired f) {
    NodeState state = d.node(f.path());
    return switch (state.status()) {
      case RETRYING -> {
        ReadyNodes.schedule(d, d.locate(f.path()), state, state.attempt() + 1);
        yield null;
      }
      case WAITING -> {
        if (d.locate(f.path()).node() instanceof ApprovalNode approval) {
          Approvals.timedOut(d, f.path(), approval, state);
        } else {
          Waits.fired(d, f.path(), (WaitNode) d.locate(f.path()).node(), state);
        }
        yield null;
      }
      case PENDING, SCHEDULED, RUNNING, SUCCEEDED, FAILED, SKIPPED, CANCELLED ->
          "stale timer for node '" + f.path() + "', which is " + state.status().wireName();
    };
  }

  private static boolean holdsLease(NodeState state, int attempt, long lease) {
    // leases are event sequence numbers, so never 0: a running container (lease 0) has no attempt
    return lease > 0
        && state.status() == NodeStatus.RUNNING
        && state.attempt() == attempt
        && state.lease() == lease;
  }

  private static String fenced(String what, String path, int attempt, long lease, NodeState now) {
    String kind =
        now.attempt() == attempt && now.lease() == lease && now.status() != NodeStatus.SCHEDULED
            ? "duplicate"
            : "stale";
    return kind
        + " "
        + what
        + " of node '"
        + path
        + "' attempt "
        + attempt
        + " lease "
        + lease
        + ": the node is "
        + now.status().wireName()
        + " at attempt "
        + now.attempt()
        + " lease "
        + now.lease();
  }

  private static long millis(Duration duration) {
    return duration == null ? 0 : duration.toMillis();
  }

  private static Map<String, Object> usageData(Usage usage) {
    var data = new LinkedHashMap<String, Object>(4);
    data.put("model", usage.model());
    data.put("input_tokens", usage.inputTokens());
    data.put("output_tokens", usage.outputTokens());
    data.put("cost_usd", usage.costUsd());
    return data;
  }
}
