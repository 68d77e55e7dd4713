package io.aispine.engine.decider.internal;

import io.aispine.engine.PayloadLimit;
import io.aispine.engine.decider.Decider;
import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.RunChange;
import io.aispine.expr.ExpressionException;
import io.aispine.expr.Expressions;
import io.aispine.expr.Templates;
import io.aispine.flow.ApprovalNode;
import io.aispine.flow.DecisionNode;
import io.aispine.flow.ForeachNode;
import io.aispine.flow.ForkNode;
import io.aispine.flow.LoopNode;
import io.aispine.flow.Node;
import io.aispine.flow.SubflowNode;
import io.aispine.flow.TaskNode;
import io.aispine.flow.WaitNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the nodes that became ready and skips those that never will, and lets running containers
 * move on when their body changed, propagating through the graph within one decision.
 */
public final class ReadyNodes {

  private ReadyNodes() {}

  /**
   * Evaluates every node marked dirty, in dependency order. A node that ends here (skipped, a
   * decision taken, a template error, a container done) marks its dependents, which come later in
   * the order, so one sweep settles the whole graph.
   */
  public static void sweep(Draft d) {
    for (String path = d.pollDirty(); path != null; path = d.pollDirty()) {
      NodeState state = d.node(path);
      Scope.Located at = d.locate(path);
      if (state.status() == NodeStatus.RUNNING) {
        switch (at.node()) {
          case LoopNode loop -> Loops.progress(d, at, state);
          case ForeachNode each -> ForeachItems.progress(d, at, state);
          case ForkNode fork -> Forks.progress(d, at, state);
          // a running task (woken by a parent that ended after it started, under one_success)
          // goes on until its worker reports
          default -> {}
        }
        continue;
      }
      if (state.status() != NodeStatus.PENDING) {
        continue;
      }
      Readiness readiness = Readiness.of(at.scope(), at.node(), d.nodes());
      switch (readiness.verdict()) {
        case WAIT -> {}
        case SKIP -> {
          d.put(path, NodeMoves.skipped(state, readiness.reason(), d.at()));
          d.emit(EventType.NODE_SKIPPED, path, 0, Map.of("reason", readiness.reason()));
        }
        case RUN -> start(d, at, state);
      }
    }
  }

  private static void start(Draft d, Scope.Located at, NodeState state) {
    switch (at.node()) {
      // attempts are numbered on across retries of the execution: every attempt keeps its record
      // and its idempotency key
      case TaskNode task -> schedule(d, at, state, state.attempt() + 1);
      case SubflowNode subflow -> schedule(d, at, state, state.attempt() + 1);
      case DecisionNode decision -> decide(d, at, decision, state);
      case WaitNode wait -> startWait(d, at, wait, state);
      case ApprovalNode approval -> Approvals.request(d, at.path(), approval, state);
      case LoopNode loop -> Loops.start(d, at, state);
      case ForeachNode each -> ForeachItems.start(d, at, state);
      case ForkNode fork -> Forks.start(d, at, state);
    }
  }

  /**
   * Schedules attempt {@code attempt} of a task or subflow node: resolves its input and asks the
   * runtime to run it now. The lease is the sequence number of the {@code node.scheduled} event,
   * unique within the execution, so a completion from an earlier delivery can never match it.
   */
  public static void schedule(Draft d, Scope.Located at, NodeState prev, int attempt) {
    String path = at.path();
    Object input;
    try {
      input = input(d, at);
    } catch (ExpressionException e) {
      Failures.failFinally(
          d, path, at.node(), prev, ErrorInfo.permanent(Failures.EXPRESSION_ERROR, e.getMessage()));
      return;
    }
    // measured before anything holds it: an input over the limit is never stored nor sent
    var tooLarge =
        d.payloadLimit().check(input, PayloadLimit.Kind.INPUT, "node '" + path + "' input");
    if (tooLarge.isPresent()) {
      Failures.failFinally(d, path, at.node(), prev, tooLarge.get());
      return;
    }
    String agent = agentOf(d, at.node());
    long lease = d.emit(EventType.NODE_SCHEDULED, path, attempt, scheduledData(at.node(), agent));
    d.put(path, NodeMoves.scheduled(prev, attempt, lease));
    d.command(runTask(d, at, attempt, lease, input, d.at()));
    d.run(new RunChange.Scheduled(d.executionId(), path, attempt, agent, input, d.at()));
  }

  /** The resolved input of a task or subflow node ({@code with}, templates evaluated). */
  static Object input(Draft d, Scope.Located at) {
    Map<String, Object> names = Names.of(d.before(), d.nodes(), at.scope());
    return switch (at.node()) {
      // secrets stay placeholders here: the worker puts them into the call, never into state
      case TaskNode task -> Templates.resolveKeepingSecrets(task.with(), names);
      case SubflowNode subflow -> Templates.resolve(subflow.with(), names);
      default -> throw new IllegalArgumentException("node '" + at.path() + "' runs no agent");
    };
  }

  /** The command that runs one delivery of an attempt of a task or subflow node. */
  static Command.RunTask runTask(
      Draft d, Scope.Located at, int attempt, long lease, Object input, Instant runAt) {
    Node node = at.node();
    // a subflow's attempt names the child flow as its action
    String action =
        node instanceof SubflowNode subflow ? subflow.flow() : ((TaskNode) node).action();
    String fallback = node instanceof TaskNode task ? task.fallback() : null;
    return new Command.RunTask(
        at.path(),
        attempt,
        lease,
        agentOf(d, node),
        action,
        input,
        node.options().timeout(),
        runAt,
        fallback);
  }

  /**
   * The agent a task node calls: the version its reference was pinned to when the execution
   * started, else the reference as written.
   */
  private static String agentOf(Draft d, Node node) {
    return node instanceof SubflowNode
        ? Decider.SUBFLOW_AGENT
        : d.before().agentFor(((TaskNode) node).agent());
  }

  private static Map<String, Object> scheduledData(Node node, String agent) {
    if (node instanceof SubflowNode subflow) {
      return Map.of("agent", Decider.SUBFLOW_AGENT, "flow", subflow.flow());
    }
    String reference = ((TaskNode) node).agent();
    return reference.equals(agent)
        ? Map.of("agent", reference)
        : Map.of("agent", reference, "pinned", agent);
  }

  private static void decide(Draft d, Scope.Located at, DecisionNode decision, NodeState state) {
    var names = Names.of(d.before(), d.nodes(), at.scope());
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
          d,
          at.path(),
          decision,
          state,
          ErrorInfo.permanent(Failures.EXPRESSION_ERROR, e.getMessage()));
      return;
    }
    if (chosen == null) {
      chosen = decision.otherwise();
    }
    var output = new LinkedHashMap<String, Object>(4);
    output.put("branch", chosen.isEmpty() ? null : chosen.get(0));
    output.put("targets", chosen);
    d.put(at.path(), NodeMoves.succeeded(state, output, d.at()));
    d.emit(EventType.DECISION_TAKEN, at.path(), 0, output);
    d.emit(EventType.NODE_COMPLETED, at.path(), 0, completedData(output));
  }

  private static void startWait(Draft d, Scope.Located at, WaitNode wait, NodeState state) {
    Instant until;
    try {
      until = waitEnd(d, at, wait);
    } catch (ExpressionException | DateTimeException e) {
      Failures.failFinally(
          d,
          at.path(),
          wait,
          state,
          ErrorInfo.permanent(Failures.EXPRESSION_ERROR, e.getMessage()));
      return;
    }
    Instant fireAt = until;
    // a wait may not outlast its timeout: the timer then fires at the timeout and fails the node
    var timeout = wait.options().timeout();
    if (timeout != null && d.at().plus(timeout).isBefore(until)) {
      fireAt = d.at().plus(timeout);
    }
    d.put(at.path(), NodeMoves.waiting(state, Waits.pending(until), d.at()));
    d.command(new Command.StartTimer(at.path(), fireAt));
    d.emit(EventType.TIMER_STARTED, at.path(), 0, Map.of("fire_at", fireAt.toString()));
  }

  private static Instant waitEnd(Draft d, Scope.Located at, WaitNode wait) {
    if (wait.duration() != null) {
      return d.at().plus(wait.duration());
    }
    Object value = Templates.resolve(wait.until(), Names.of(d.before(), d.nodes(), at.scope()));
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeException e) {
        throw new DateTimeException(
            "wait '" + at.path() + "': until '" + text + "' is not an ISO-8601 instant");
      }
    }
    throw new DateTimeException(
        "wait '" + at.path() + "': until must be an ISO-8601 instant, was " + value);
  }

  /** The data of a {@code node.completed} event for a node that ran no agent. */
  static Map<String, Object> completedData(Object output) {
    var data = new LinkedHashMap<String, Object>(2);
    data.put("output", output);
    return data;
  }
}
