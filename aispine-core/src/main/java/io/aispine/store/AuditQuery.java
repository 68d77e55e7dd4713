package io.aispine.store;

import java.time.Instant;

/**
 * Which audit entries to list, oldest first.
 *
 * @param workspace only entries of this workspace (null: every workspace's)
 * @param since only entries recorded at or after it (null: all)
 * @param action only this action (null: all)
 * @param outcome only this outcome name: ok, refused, error (null: all)
 * @param afterSeq only entries after this sequence number (paging; 0 from the start)
 * @param limit the most entries returned
 */
public record AuditQuery(
    String workspace, Instant since, String action, String outcome, long afterSeq, int limit) {

  public AuditQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
  }

  /** Every entry after {@code afterSeq}, {@code limit} at a time. */
  public static AuditQuery all(long afterSeq, int limit) {
    return new AuditQuery(null, null, null, null, afterSeq, limit);
  }
}
