package io.aispine.sdk;

import java.time.Instant;
import java.util.List;

/**
 * A request for a human answer that an execution waits for ({@code GET /api/v1/approvals/{id}}).
 *
 * @param node the approval node's path in the execution
 * @param approvers the roles that may answer (admin keys always may)
 * @param answeredBy the name of the API key that answered, {@code timeout}, or null
 * @param expiresAt when its timeout passes, or null when it waits for ever
 */
public record Approval(
    String id,
    String execution,
    String node,
    String flow,
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
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
  }
}
