package io.aispine.server.internal.approvals;

import io.aispine.api.ApprovalStatus;
import io.aispine.store.Approval;

/** Approvals as the API shows them: {@link io.aispine.api.Approval}. */
final class ApprovalViews {

  private ApprovalViews() {}

  /** What is asked, of whom, and how it was answered. */
  static io.aispine.api.Approval of(Approval approval) {
    return new io.aispine.api.Approval(
        approval.id(),
        approval.executionId(),
        approval.nodePath(),
        approval.flowId(),
        approval.message(),
        approval.approvers(),
        ApprovalStatus.ofWireName(approval.status().wireName()),
        approval.comment(),
        approval.answeredBy(),
        approval.answeredByKey(),
        approval.createdAt(),
        approval.expiresAt(),
        approval.answeredAt());
  }
}
