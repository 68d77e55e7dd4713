package io.aispine.api;

/**
 * The optional body of {@code POST /api/v1/approvals/{id}/approve} and {@code …/reject}.
 *
 * @param comment what the approver says, or null
 */
@WireType(request = true)
public record AnswerRequest(@WireField(maxLength = 4000) @Nullable String comment) {}
