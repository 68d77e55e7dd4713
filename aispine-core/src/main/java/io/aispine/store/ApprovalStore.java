package io.aispine.store;

import java.util.List;
import java.util.Optional;

/**
 * Reads the approvals executions wait for. They are written only by the engine, in the same
 * transaction as the decision that asks for or ends them ({@link Transition#approvals()}).
 */
public interface ApprovalStore {

  /** The approval with this id, if any. */
  Optional<Approval> find(String id);

  /** One page of approvals matching {@code query}, newest first (by creation time, then id). */
  List<Approval> list(ApprovalQuery query);
}
