package io.aispine.engine.internal;

import io.aispine.engine.Command;
import io.aispine.engine.ErrorInfo;
import io.aispine.engine.EventType;
import io.aispine.engine.NodeState;
import io.aispine.engine.NodeStatus;
import io.aispine.engine.RunChange;
import io.aispine.expr.ExpressionException;
import io.aispine.expr.Expressions;
import io.aispine.expr.Templates;
import io.aispine.flow.DecisionNode;
import io.aispine.flow.Node;
import io.aispine.flow.TaskNode;
import io.aispine.flow.WaitNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the nodes that became ready and skips those that never will, propagating through the graph
 * within one decision.
 */
public final class ReadyNodes {

  private ReadyNodes() {}

  /**
   * Evaluates every node marked dirty, in topological order. A node that ends here (skipped, a
   * decision taken, a template error) marks its dependents, which come later in the order, so one
   * pass settles the whole graph.
   */
  public static void sweep(Draft d) {
    for (String id : d.graph().order()) {
      if (!d.takeDirty(id)) {
        continue;
      }
      NodeState state = d.node(id);
      if (state.status() != NodeStatus.PENDING) {
        continue;
      }
      Node node = d.graph().node(id);
      Readiness readiness = Readiness.of(d.graph(), node, d.nodes());
      switch (readiness.verdict()) {
        case WAIT -> {}
        case SKIP -> {
          d.put(id, NodeMoves.skipped(state, readiness.reason(), d.at()));
          d.emit(EventType.NODE_SKIPPED, id, 0, Map.of("reason", readiness.reason()));
        }
        case RUN -> start(d, node, state);
      }
    }
  }

  private static void start(Draft d, Node node, NodeState state) {
    switch (node) {
      // attempts are numbered on across retries of the execution: every attempt keeps its record
      // and its idempotency key
      case TaskNode task -> schedule(d, task, state, state.attempt() + 1);
      case DecisionNode decision -> decide(d, decision, state);
      case WaitNode wait -> startWait(d, wait, state);
    }
  }

  /**
   * Schedules attempt {@code attempt} of a task: resolves its input and asks the runtime to run it
   * now. The lease is the sequence number of the {@code node.scheduled} event, unique within the
   * execution, so a completion from an earlier delivery can never match it.
   */
  public static void schedule(Draft d, TaskNode task, NodeState prev, int attempt) {
    Object input;
    try {
      input = Templates.resolve(task.with(), Names.of(d.graph(), d.before(), d.nodes()));
    } catch (ExpressionException e) {
      Failures.failFinally(
          d, task, prev, ErrorInfo.permanent(Failures.EXPRESSION_ERROR, e.getMessage()));
      return;
    }
    String agent = d.before().agentFor(task.agent());
    long lease =
        d.emit(
            EventType.NODE_SCHEDULED,
            task.id(),
            attempt,
            agent.equals(task.agent())
                ? Map.of("agent", task.agent())
                : Map.of("agent", task.agent(), "pinned", agent));
    d.put(task.id(), NodeMoves.scheduled(prev, attempt, lease));
    d.command(
        new Command.RunTask(
            task.id(),
            attempt,
            lease,
            agent,
            task.action(),
            input,
            task.options().timeout(),
            d.at()));
    d.run(new RunChange.Scheduled(d.executionId(), task.id(), attempt, agent, input, d.at()));
  }

  private static void decide(Draft d, DecisionNode decision, NodeState state) {
    var names = Names.of(d.graph(), d.before(), d.nodes());
    List<String> chosen = null;
    try {
      for (DecisionNode.Branch branch : decision.when()) {
        if (Expressions.compile(branch.condition()).test(names)) {
          chosen = branch.then();
          break;
        }
      }
    } catch (ExpressionException e) {
      Failures.failFinally(
          d, decision, state, ErrorInfo.permanent(Failures.EXPRESSION_ERROR, e.getMessage()));
      return;
    }
    if (chosen == null) {
      chosen = decision.otherwise();
    }
    var output = new LinkedHashMap<String, Object>(4);
    output.put("branch", chosen.isEmpty() ? null : chosen.get(0));
    output.put("targets", chosen);
    d.put(decision.id(), NodeMoves.succeeded(state, output, d.at()));
    d.emit(EventType.DECISION_TAKEN, decision.id(), 0, output);
    d.emit(EventType.NODE_COMPLETED, decision.id(), 0, completedData(output));
  }

  private static void startWait(Draft d, WaitNode wait, NodeState state) {
    Instant until;
    try {
      until = waitEnd(d, wait);
    } catch (ExpressionException | DateTimeException e) {
      Failures.failFinally(
          d, wait, state, ErrorInfo.permanent(Failures.EXPRESSION_ERROR, e.getMessage()));
      return;
    }
    Instant fireAt = until;
    // a wait may not outlast its timeout: the timer then fires at the timeout and fails the node
    var timeout = wait.options().timeout();
    if (timeout != null && d.at().plus(timeout).isBefore(until)) {
      fireAt = d.at().plus(timeout);
    }
    d.put(wait.id(), NodeMoves.waiting(state, Waits.pending(until), d.at()));
    d.command(new Command.StartTimer(wait.id(), fireAt));
    d.emit(EventType.TIMER_STARTED, wait.id(), 0, Map.of("fire_at", fireAt.toString()));
  }

  private static Instant waitEnd(Draft d, WaitNode wait) {
    if (wait.duration() != null) {
      return d.at().plus(wait.duration());
    }
    Object value = Templates.resolve(wait.until(), Names.of(d.graph(), d.before(), d.nodes()));
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeException e) {
        throw new DateTimeException(
            "wait '" + wait.id() + "': until '" + text + "' is not an ISO-8601 instant");
      }
    }
    throw new DateTimeException(
        "wait '" + wait.id() + "': until must be an ISO-8601 instant, was " + value);
  }

  /** The data of a {@code node.completed} event for a node that ran no agent. */
  static Map<String, Object> completedData(Object output) {
    var data = new LinkedHashMap<String, Object>(2);
    data.put("output", output);
    return data;
  }
}
