package io.aispine.engine.decider.internal;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.Handling;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import java.time.Instant;

/**
 * The ways a node's state moves, each checked against the legal transition table {@link
 * NodeStatus#next()} so that the decider can never produce an illegal state.
 */
public final class NodeMoves {

  private NodeMoves() {}

  /** A new attempt (or a redelivery of the same attempt) waits for a worker. */
  public static NodeState scheduled(NodeState prev, int attempt, long lease) {
    if (prev.status() != NodeStatus.SCHEDULED) {
      check(prev, NodeStatus.SCHEDULED);
    }
    return carry(
        prev,
        new NodeState(
            NodeStatus.SCHEDULED,
            attempt,
            lease,
            null,
            prev.error(),
            Handling.NONE,
            null,
            prev.startedAt(),
            null));
  }

  /**
   * A scheduled attempt that a guard held back (deferred): it keeps waiting, and {@code reason}
   * (the guard's code) says why until a guard lets its call through.
   */
  public static NodeState heldBack(NodeState scheduled, String reason) {
    if (scheduled.status() != NodeStatus.SCHEDULED) {
      throw new IllegalStateException("only a scheduled node is held back, not " + scheduled);
    }
    return new NodeState(
        NodeStatus.SCHEDULED,
        scheduled.attempt(),
        scheduled.lease(),
        null,
        scheduled.error(),
        Handling.NONE,
        reason,
        scheduled.startedAt(),
        null,
        scheduled.roundStart());
  }

  /** A worker claimed the attempt; the node's start time is kept from its first attempt. */
  public static NodeState running(NodeState prev, Instant at) {
    check(prev, NodeStatus.RUNNING);
    Instant started = prev.startedAt() == null ? at : prev.startedAt();
    return carry(
        prev,
        new NodeState(
            NodeStatus.RUNNING,
            prev.attempt(),
            prev.lease(),
            null,
            prev.error(),
            Handling.NONE,
            null,
            started,
            null));
  }

  /**
   * A worker claimed the attempt of a node that a guard holds back, to look again: it runs, but it
   * still waits for {@code reason} until the guard lets its call through ({@link #resumed}) or
   * holds it back again ({@link #heldBack}).
   */
  public static NodeState rechecking(NodeState heldBack, Instant at) {
    if (heldBack.reason() == null) {
      throw new IllegalStateException("only a node held back is re-checked, not " + heldBack);
    }
    NodeState running = running(heldBack, at);
    return new NodeState(
        running.status(),
        running.attempt(),
        running.lease(),
        null,
        running.error(),
        Handling.NONE,
        heldBack.reason(),
        running.startedAt(),
        null,
        running.roundStart());
  }

  /** A guard let the call of a re-checked node through: it no longer waits. */
  public static NodeState resumed(NodeState rechecking) {
    if (rechecking.status() != NodeStatus.RUNNING || rechecking.reason() == null) {
      throw new IllegalStateException("only a re-checked node resumes, not " + rechecking);
    }
    return carry(
        rechecking,
        new NodeState(
            NodeStatus.RUNNING,
            rechecking.attempt(),
            rechecking.lease(),
            null,
            rechecking.error(),
            Handling.NONE,
            null,
            rechecking.startedAt(),
            null));
  }

  /** A loop, foreach or fork starts its body; {@code progress} is what it remembers meanwhile. */
  public static NodeState containerStarted(NodeState prev, Object progress, Instant at) {
    check(prev, NodeStatus.RUNNING);
    return carry(
        prev,
        new NodeState(NodeStatus.RUNNING, 0, 0, progress, null, Handling.NONE, null, at, null));
  }

  /** A running container moved on (its next iteration or item started). */
  public static NodeState progressed(NodeState prev, Object progress) {
    if (prev.status() != NodeStatus.RUNNING) {
      throw new IllegalStateException("only a running container progresses, not " + prev.status());
    }
    return carry(
        prev,
        new NodeState(
            NodeStatus.RUNNING, 0, 0, progress, null, Handling.NONE, null, prev.startedAt(), null));
  }

  /**
   * A node of a body instance that starts: pending, or, when a retried container runs the same
   * instance again, pending after its earlier run, its attempt numbers going on from there.
   */
  public static NodeState instance(NodeState prev) {
    if (prev == null) {
      return NodeState.PENDING;
    }
    check(prev, NodeStatus.PENDING);
    return new NodeState(
        NodeStatus.PENDING,
        prev.attempt(),
        0,
        null,
        null,
        Handling.NONE,
        null,
        null,
        null,
        prev.attempt() + 1);
  }

  /** A wait node's timer is armed; {@code pending} records what it waits for. */
  public static NodeState waiting(NodeState prev, Object pending, Instant at) {
    check(prev, NodeStatus.WAITING);
    return carry(
        prev,
        new NodeState(NodeStatus.WAITING, 0, 0, pending, null, Handling.NONE, null, at, null));
  }

  /** The node produced its output. */
  public static NodeState succeeded(NodeState prev, Object output, Instant at) {
    check(prev, NodeStatus.SUCCEEDED);
    Instant started = prev.startedAt() == null ? at : prev.startedAt();
    return carry(
        prev,
        new NodeState(
            NodeStatus.SUCCEEDED,
            prev.attempt(),
            prev.lease(),
            output,
            null,
            Handling.NONE,
            null,
            started,
            at));
  }

  /** An attempt failed and another one will follow after a back-off. */
  public static NodeState retrying(NodeState prev, ErrorInfo error) {
    check(prev, NodeStatus.RETRYING);
    return carry(
        prev,
        new NodeState(
            NodeStatus.RETRYING,
            prev.attempt(),
            prev.lease(),
            null,
            error,
            Handling.NONE,
            null,
            prev.startedAt(),
            null));
  }

  /** The node failed for good, handled as {@code handling}. */
  public static NodeState failed(
      NodeState prev, ErrorInfo error, Handling handling, Object output, Instant at) {
    check(prev, NodeStatus.FAILED);
    return carry(
        prev,
        new NodeState(
            NodeStatus.FAILED,
            prev.attempt(),
            prev.lease(),
            output,
            error,
            handling,
            null,
            prev.startedAt(),
            at));
  }

  /** The node will not run; {@code reason} says why. */
  public static NodeState skipped(NodeState prev, String reason, Instant at) {
    check(prev, NodeStatus.SKIPPED);
    return carry(
        prev,
        // the attempt count survives a skip: a later retry must not reuse attempt numbers
        new NodeState(
            NodeStatus.SKIPPED,
            prev.attempt(),
            prev.lease(),
            null,
            null,
            Handling.NONE,
            reason,
            null,
            at));
  }

  /** The node was stopped by a cancellation. */
  public static NodeState cancelled(NodeState prev, String reason, Instant at) {
    check(prev, NodeStatus.CANCELLED);
    return carry(
        prev,
        new NodeState(
            NodeStatus.CANCELLED,
            prev.attempt(),
            prev.lease(),
            null,
            prev.error(),
            Handling.NONE,
            reason,
            prev.startedAt(),
            at));
  }

  /**
   * A retry of the failed execution re-opens the node: pending again, with nothing of its last
   * round but its attempt count, and a fresh round of attempts starting after it.
   */
  public static NodeState reset(NodeState prev) {
    check(prev, NodeStatus.PENDING);
    return new NodeState(
        NodeStatus.PENDING,
        prev.attempt(),
        0,
        null,
        null,
        Handling.NONE,
        null,
        null,
        null,
        prev.attempt() + 1);
  }

  /** {@code next} in the same round of attempts as {@code prev}. */
  private static NodeState carry(NodeState prev, NodeState next) {
    return new NodeState(
        next.status(),
        next.attempt(),
        next.lease(),
        next.output(),
        next.error(),
        next.handling(),
        next.reason(),
        next.startedAt(),
        next.finishedAt(),
        prev.roundStart());
  }

  private static void check(NodeState prev, NodeStatus next) {
    if (!prev.status().next().contains(next)) {
      throw new IllegalStateException("illegal node transition " + prev.status() + " -> " + next);
    }
  }
}
