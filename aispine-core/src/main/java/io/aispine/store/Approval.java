package io.aispine.store;

import io.aispine.execution.ApprovalStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request for a human answer, as the store keeps it.
 *
 * @param id the approval's id ({@code ap_…})
 * @param executionId the execution that waits for it
 * @param nodePath the approval node's path in that execution
 * @param flowId the execution's flow
 * @param message the question, templates resolved
 * @param approvers the roles that may answer ({@code admin} may always answer)
 * @param status where it stands
 * @param comment what the approver said, or null
 * @param answeredBy the name of the API key that answered, {@code timeout}, or null
 * @param answeredByKey the id of the API key that answered, or null
 * @param createdAt when it was asked
 * @param expiresAt when its timeout passes, or null when it waits for ever
 * @param answeredAt when it ended, or null while pending
 */
public record Approval(
    String id,
    String executionId,
    String nodePath,
    String flowId,
    String message,
    List<String> approvers,
    ApprovalStatus status,
    String comment,
    String answeredBy,
    String answeredByKey,
    Instant createdAt,
    Instant expiresAt,
    Instant answeredAt) {

  public Approval {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(nodePath, "nodePath");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    approvers = List.copyOf(approvers);
  }
}
