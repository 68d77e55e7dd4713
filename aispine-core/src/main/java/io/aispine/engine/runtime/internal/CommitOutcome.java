package io.aispine.engine.runtime.internal;

import io.aispine.engine.decider.Decision;

/**
 * How a fact handed to the {@link Committer} ended. Its future always completes with one of these,
 * never exceptionally, so that a caller tells "try again" from "stop" by type, not by guessing from
 * an exception.
 */
public sealed interface CommitOutcome {

  /** The fact was decided: applied and durable, or {@link Decision#isRejected() rejected}. */
  record Done(Decision decision) implements CommitOutcome {}

  /** The engine is closing and did not take the fact; durable work resumes on the next start. */
  record Closed() implements CommitOutcome {}

  /**
   * There is nothing left for the fact to change: its execution does not exist, or it failed
   * because what happened to it could not be applied or stored ({@code reason} says which).
   */
  record Gone(String reason) implements CommitOutcome {}

  /**
   * Not durable because a batch it was decided on top of failed to commit; nothing is wrong with
   * the fact itself: submit it again.
   */
  record Superseded() implements CommitOutcome {}

  /** Not durable because the store failed: submit it again once the store may be back. */
  record StoreFailed(Throwable cause) implements CommitOutcome {}

  /** The one {@link Closed}. */
  CommitOutcome CLOSED = new Closed();

  /** The one {@link Superseded}. */
  CommitOutcome SUPERSEDED = new Superseded();
}
