package io.aispine.engine.internal;

import io.aispine.engine.Command;
import io.aispine.engine.ErrorInfo;
import io.aispine.engine.EventType;
import io.aispine.engine.Fact;
import io.aispine.engine.NodeState;
import io.aispine.engine.NodeStatus;
import io.aispine.engine.RunChange;
import io.aispine.engine.Usage;
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

  /** A worker claimed a scheduled attempt. */
  public static String started(Draft d, Fact.NodeStarted f) {
    NodeState state = d.node(f.path());
    if (state.status() != NodeStatus.SCHEDULED
        || state.attempt() != f.attempt()
        || state.lease() != f.lease()) {
      return fenced("start", f.path(), f.attempt(), f.lease(), state);
    }
    d.put(f.path(), NodeMoves.running(state, f.at()));
    d.run(new RunChange.Started(d.executionId(), f.path(), f.attempt(), f.at()));
    d.emit(EventType.NODE_STARTED, f.path(), f.attempt(), Map.of());
    return null;
  }

  /** An attempt returned its output. */
  public static String succeeded(Draft d, Fact.NodeSucceeded f) {
    NodeState state = d.node(f.path());
    if (!holdsLease(state, f.attempt(), f.lease())) {
      return fenced("completion", f.path(), f.attempt(), f.lease(), state);
    }
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
   * The attempt's agent is unavailable: deliver the same attempt again later under a new lease,
   * without counting it against the retry policy.
   */
  public static String deferred(Draft d, Fact.NodeDeferred f) {
    NodeState state = d.node(f.path());
    if (!holdsLease(state, f.attempt(), f.lease())) {
      return fenced("deferral", f.path(), f.attempt(), f.lease(), state);
    }
    var data = new LinkedHashMap<String, Object>(2);
    data.put("until", f.until().toString());
    data.put("reason", f.reason());
    long lease = d.emit(EventType.NODE_DEFERRED, f.path(), f.attempt(), data);
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
