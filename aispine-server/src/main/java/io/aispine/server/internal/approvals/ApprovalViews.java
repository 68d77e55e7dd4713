package io.aispine.server.internal.approvals;

import io.aispine.store.Approval;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of an approval in docs/api.md. */
final class ApprovalViews {

  private ApprovalViews() {}

  /** {@code Approval}: what is asked, of whom, and how it was answered. */
  static Map<String, Object> of(Approval approval) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", approval.id());
    view.put("execution", approval.executionId());
    view.put("node", approval.nodePath());
    view.put("flow", approval.flowId());
    view.put("message", approval.message());
    view.put("approvers", approval.approvers());
    view.put("status", approval.status().wireName());
    view.put("comment", approval.comment());
    view.put("answered_by", approval.answeredBy());
    view.put("answered_by_key", approval.answeredByKey());
    view.put("created_at", approval.createdAt());
    view.put("expires_at", approval.expiresAt());
    view.put("answered_at", approval.answeredAt());
    return view;
  }
}
