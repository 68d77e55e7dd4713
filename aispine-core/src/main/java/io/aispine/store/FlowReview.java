package io.aispine.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The gate's record of one flow version: its status, who deployed it and who decided on it.
 *
 * @param status draft, approved or rejected
 * @param author the id of the API key that deployed it, or null (a local run, or a version stored
 *     before the gate existed)
 * @param decidedBy the id of the key that approved or rejected it, or null while it is a draft
 * @param decidedAt when it was approved or rejected, or null while it is a draft
 * @param reason why it was rejected, or null
 */
public record FlowReview(
    FlowStatus status, String author, String decidedBy, Instant decidedAt, String reason) {

  public FlowReview {
    Objects.requireNonNull(status, "status");
  }

  /** A draft deployed by {@code author}. */
  public static FlowReview draft(String author) {
    return new FlowReview(FlowStatus.DRAFT, author, null, null, null);
  }
}
