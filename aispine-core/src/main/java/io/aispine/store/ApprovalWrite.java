package io.aispine.store;

import io.aispine.execution.ApprovalStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A change to the {@code approvals} table, written with the transition that caused it. */
public sealed interface ApprovalWrite {

  /** The approval's id ({@code ap_…}). */
  String id();

  /**
   * A node asks for an answer: insert the pending approval. It replaces an earlier, finished
   * approval of the same execution and node path (asked again after a retry of the execution).
   */
  record Requested(
      String id,
      String executionId,
      String path,
      String flowId,
      String message,
      List<String> approvers,
      Instant createdAt,
      Instant expiresAt)
      implements ApprovalWrite {
    public Requested {
      Objects.requireNonNull(id, "id");
      approvers = List.copyOf(approvers);
    }
  }

  /** A pending approval ended: answered, expired or cancelled. Does nothing to one that ended. */
  record Resolved(
      String id,
      ApprovalStatus status,
      String comment,
      String answeredBy,
      String answeredByKey,
      Instant at)
      implements ApprovalWrite {
    public Resolved {
      Objects.requireNonNull(id, "id");
      if (!status.terminal()) {
        throw new IllegalArgumentException("an approval is resolved to a final status");
      }
    }
  }
}
