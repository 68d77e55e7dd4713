package io.aispine.engine.runtime.internal;

import io.aispine.engine.PayloadLimit;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionState;
import io.aispine.flow.FlowGraph;
import io.aispine.store.StoreUnavailableException;
import io.aispine.store.Transition;
import io.aispine.store.WriteRejectedException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the writer does when a group commit fails: it finds the executions whose changes the store
 * refuses and commits everybody else's.
 *
 * <p>The batch is split by execution (an execution's transitions in a batch build on each other, so
 * they stand or fall together) and bisected: each half is committed on its own, a half that fails
 * is split again, down to one execution. One that still fails alone, twice (once when the store
 * says the data is to blame, or the write threw an {@link Error}), is the culprit: it is failed
 * with {@code COMMIT_FAILED}, decided against the state it had committed, so the change that could
 * not be written is never tried again, and that failure is written on its own. If even that cannot
 * be written, or the store says it is unavailable, the store is the problem, not the data:
 * isolation stops and what is left is retried later.
 */
final class BatchIsolation {

  private static final Logger log = LoggerFactory.getLogger(BatchIsolation.class);

  /** Finds the state an execution had committed; {@code created} when its start is in the batch. */
  @FunctionalInterface
  interface CommittedStates {
    ExecutionState find(String executionId, ExecutionState created);
  }

  /**
   * How isolation ended.
   *
   * @param committed durable items, to act on and complete: innocents as decided, and for each
   *     culprit the failure written instead of its items (whose submitters learn it is gone)
   * @param dropped the culprits' executions, with why: whatever was decided on top of their items
   *     is void
   * @param unresolved items not written because the store failed ({@code storeFailure})
   */
  record Result(
      List<Committer.Item> committed,
      Map<String, String> dropped,
      List<Committer.Item> unresolved,
      Throwable storeFailure) {}

  private final Function<List<Transition>, Throwable> apply;
  private final CommittedStates states;
  private final FlowGraphs graphs;
  private final PayloadLimit payloadLimit;
  private final InstantSource clock;

  private final List<Committer.Item> committed = new ArrayList<>();
  private final Map<String, String> dropped = new LinkedHashMap<>();
  private final List<Committer.Item> unresolved = new ArrayList<>();
  private Throwable storeFailure;

  /**
   * @param apply writes transitions in one transaction: null when durable, else what failed
   */
  BatchIsolation(
      Function<List<Transition>, Throwable> apply,
      CommittedStates states,
      FlowGraphs graphs,
      PayloadLimit payloadLimit,
      InstantSource clock) {
    this.apply = apply;
    this.states = states;
    this.graphs = graphs;
    this.payloadLimit = payloadLimit;
    this.clock = clock;
  }

  /** Isolates the culprits of a batch of items whose commit failed with {@code failure}. */
  Result isolate(List<Committer.Item> items, Throwable failure) {
    List<List<Committer.Item>> groups = byExecution(items);
    if (groups.size() == 1) {
      judge(groups.getFirst(), failure);
    } else {
      split(groups);
    }
    return new Result(committed, dropped, unresolved, storeFailure);
  }

  private static List<List<Committer.Item>> byExecution(List<Committer.Item> items) {
    Map<String, List<Committer.Item>> groups = new LinkedHashMap<>();
    for (Committer.Item item : items) {
      groups.computeIfAbsent(item.executionId(), id -> new ArrayList<>()).add(item);
    }
    return new ArrayList<>(groups.values());
  }

  private void split(List<List<Committer.Item>> groups) {
    int half = groups.size() / 2;
    attempt(groups.subList(0, half));
    attempt(groups.subList(half, groups.size()));
  }

  private void attempt(List<List<Committer.Item>> groups) {
    List<Committer.Item> items = groups.stream().flatMap(List::stream).toList();
    if (storeFailure != null) {
      unresolved.addAll(items);
      return;
    }
    Throwable failure = apply.apply(Committer.transitions(items));
    if (failure == null) {
      committed.addAll(items);
    } else if (failure instanceof StoreUnavailableException) {
      giveUp(items, failure);
    } else if (groups.size() == 1) {
      judge(groups.getFirst(), failure);
    } else {
      split(groups);
    }
  }

  /** One execution's items failed to commit on their own with {@code failure}. */
  private void judge(List<Committer.Item> group, Throwable failure) {
    Throwable cause = failure;
    if (!(failure instanceof Error) && !(failure instanceof WriteRejectedException)) {
      // the store did not say the data is to blame: once more, in case it was a passing fault
      cause = apply.apply(Committer.transitions(group));
      if (cause == null) {
        committed.addAll(group);
        return;
      }
      if (cause instanceof StoreUnavailableException) {
        giveUp(group, cause);
        return;
      }
    }
    abort(group, cause);
  }

  /** Fails the execution of a group with what was wrong, written instead of the group's changes. */
  private void abort(List<Committer.Item> group, Throwable cause) {
    Committer.Item first = group.getFirst();
    String id = first.executionId();
    ExecutionState created =
        group.stream()
            .map(i -> i.submission().created())
            .filter(java.util.Objects::nonNull)
            .findFirst()
            .orElse(null);
    ExecutionState state;
    FlowGraph graph;
    try {
      state = states.find(id, created);
      graph = state == null ? null : graphs.get(state.flowId(), state.flowVersion());
    } catch (RuntimeException e) {
      giveUp(group, e); // reading the committed state failed: the store is the problem
      return;
    }
    if (state == null) {
      drop(group, "no execution " + id);
      return;
    }
    log.error(
        "the store refuses the changes of execution {} even on their own; failing it instead",
        id,
        cause);
    ErrorInfo error =
        ErrorInfo.permanent(
            Aborts.COMMIT_FAILED,
            "execution "
                + id
                + " failed: its changes could not be written to the store ("
                + Aborts.describe(cause)
                + "); none of them was kept and its unfinished nodes were cancelled");
    Committer.Item failure =
        Aborts.abort(first.submission(), graph, state, created != null, error, clock, payloadLimit);
    if (failure.transition() != null) {
      // with the request's audit entry, if any: the failed execution is what the request made
      Throwable again = apply.apply(Committer.transitions(List.of(failure)));
      if (again != null) {
        // not even the failure can be written: the store is the problem after all
        log.warn(
            "could not write the failure of execution {} either: the store is failing, not its"
                + " data; its facts are retried later",
            id,
            again);
        giveUp(group, again);
        return;
      }
      committed.add(failure);
    } else {
      committed.add(new Committer.Item(first.submission(), null, null, failure.outcome()));
    }
    String reason = ((CommitOutcome.Gone) failure.outcome()).reason();
    dropped.put(id, reason);
    drop(group.subList(1, group.size()), reason);
  }

  /** These items are not written, their execution is gone for them, and so are later ones. */
  private void drop(List<Committer.Item> items, String reason) {
    var gone = new CommitOutcome.Gone(reason);
    for (Committer.Item item : items) {
      committed.add(new Committer.Item(item.submission(), null, null, gone));
      dropped.put(item.executionId(), reason);
    }
  }

  private void giveUp(List<Committer.Item> items, Throwable cause) {
    storeFailure = cause;
    unresolved.addAll(items);
  }
}
