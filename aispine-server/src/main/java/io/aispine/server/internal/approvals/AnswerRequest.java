package io.aispine.server.internal.approvals;

/**
 * The optional body of {@code POST /api/v1/approvals/{id}/approve} and {@code …/reject}.
 *
 * @param comment what the approver says, or null
 */
record AnswerRequest(String comment) {}
