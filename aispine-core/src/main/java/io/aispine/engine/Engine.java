package io.aispine.engine;

import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.NodeRun;
import io.aispine.flow.Flow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The durable flow engine: starts executions, drives them to the end through the decider and the
 * workers, and recovers them after a restart. Obtain one from {@code DurableEngine.create}.
 */
public interface Engine extends AutoCloseable {

  /**
   * Stores the flow version (if not stored yet) and starts an execution of it.
   *
   * <p>Returns once the start is durable: after a crash from this point on, the execution resumes.
   *
   * @param inputs the execution inputs; validated against the flow's declared inputs
   * @return the new execution's id ({@code ex_…})
   * @throws InvalidInputsException when an input is missing, unknown or of the wrong type
   * @throws RunRefusedException when the engine's {@link RunGate} refuses the version (a draft on a
   *     server, or panic mode)
   */
  String start(Flow flow, Map<String, Object> inputs);

  /**
   * Starts an execution of the flow under the caller's id, once: when an execution with this id
   * exists already, nothing happens. This is how an inbound event processed again after a crash (a
   * redelivered WhatsApp message) starts its execution exactly once.
   *
   * @param executionId the id to start under ({@code ex_…}), derived by the caller from the event
   * @return true when this call started it, false when it existed already
   * @throws InvalidInputsException when an input is missing, unknown or of the wrong type
   */
  boolean startOnce(Flow flow, Map<String, Object> inputs, String executionId);

  /** Asks to cancel an execution: running nodes are interrupted and it ends {@code cancelled}. */
  void cancel(String executionId, String reason);

  /**
   * Re-runs a failed execution: its unhandled failures and the nodes they caused to be skipped run
   * again with new attempt numbers; nodes that succeeded keep their outputs and are not called
   * again.
   *
   * @return true when the execution was re-opened, false when it is not failed (nothing changed)
   * @throws java.util.NoSuchElementException when there is no such execution
   * @throws RunRefusedException when the engine's {@link RunGate} refuses the version
   */
  boolean retry(String executionId);

  /**
   * Answers a pending approval: the approval node succeeds with {@code {approved, comment, by,
   * by_key, answered_at, timed_out: false}} as its output, and the answer is in the history.
   * Returns once the answer is durable.
   *
   * @param by who answers (an API key's name); {@code byKey} is the key's id, or null
   * @return true when the answer was applied, false when the approval is no longer pending
   *     (answered, expired or cancelled): nothing changed
   * @throws java.util.NoSuchElementException when there is no such approval
   */
  boolean answerApproval(
      String approvalId, boolean approved, String comment, String by, String byKey);

  /**
   * Replays (forks) a finished execution from one node: a new execution of the same flow version in
   * which every node before {@code request.from()} keeps its recorded result without calling its
   * agent, and {@code from} and everything downstream of it run again. The new execution records
   * its origin in {@link ExecutionState#replayOf()}.
   *
   * <p>Returns once the start is durable, like {@link #start}.
   *
   * @return the new execution's id
   * @throws java.util.NoSuchElementException when there is no execution {@code originId}
   * @throws ExecutionNotFinishedException when the origin is still running
   * @throws InvalidReplayException when {@code from} is not a node of the flow, or an output
   *     override names a node that is not reused
   * @throws InvalidInputsException when the merged inputs do not match the flow
   * @throws RunRefusedException when the engine's {@link RunGate} refuses the origin's version
   */
  String replay(String originId, ReplayRequest request);

  /** The current state of an execution. */
  Optional<ExecutionState> execution(String executionId);

  /**
   * Waits until an execution is terminal.
   *
   * @throws TimeoutException when it is still running after {@code timeout}
   */
  ExecutionState await(String executionId, Duration timeout)
      throws InterruptedException, TimeoutException;

  /** History events with {@code seq > afterSeq}, in order, at most {@code limit}. */
  List<ExecutionEvent> events(String executionId, long afterSeq, int limit);

  /** Every attempt record of an execution. */
  List<NodeRun> runs(String executionId);

  /**
   * Registers a listener for events as they are committed, of every execution. The listener is
   * called after the commit, on an engine thread; it must be quick and must not block.
   *
   * @return a handle that unregisters the listener when closed
   */
  AutoCloseable subscribe(EventListener listener);

  /**
   * Stops taking work, waits up to the engine's grace period for running attempts, then closes.
   * Unfinished work stays durable and resumes on the next start.
   */
  @Override
  void close();

  /** Receives committed events. */
  @FunctionalInterface
  interface EventListener {
    void onEvent(ExecutionEvent event);
  }
}
