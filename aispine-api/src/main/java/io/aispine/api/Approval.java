package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A request for a human answer that an execution waits for ({@code GET /api/v1/approvals/{id}}).
 *
 * @param node the approval node's path in the execution
 * @param message what is asked, templates resolved
 * @param approvers the roles that may answer (admin keys always may)
 * @param answeredBy the name of the API key that answered, {@code timeout}, or null
 * @param answeredByKey the id of the API key that answered, or null
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
    @Nullable String comment,
    @JsonProperty("answered_by") @Nullable String answeredBy,
    @JsonProperty("answered_by_key") @Nullable String answeredByKey,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("expires_at") @Nullable Instant expiresAt,
    @JsonProperty("answered_at") @Nullable Instant answeredAt) {

  /** Copies the approvers; a missing list reads as empty. */
  public Approval {
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
  }
}
