package io.aispine.store.jdbc.internal;

import io.aispine.store.ApprovalWrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes approval changes inside the caller's transaction, in the order they happened: a request
 * may replace an approval that an earlier change of the same batch just ended (a retry asking
 * again), so the order matters. Both statements are idempotent, like every write of a transition: a
 * request already stored, or an end of an approval that is no longer pending, changes nothing.
 */
final class ApprovalWriter {

  // INSERT … SELECT … WHERE NOT EXISTS: a replayed request (same id) is a no-op, while a new
  // request for the same node instance takes the place of the finished one through the upsert
  private static final String REQUEST =
      "INSERT INTO approvals (id, execution_id, node_path, flow_id, message, approvers, status,"
          + " created_at, expires_at) SELECT ?, ?, ?, ?, ?, ?, 'pending', ?, ?"
          + " WHERE NOT EXISTS (SELECT 1 FROM approvals WHERE id = ?)"
          + " ON CONFLICT (execution_id, node_path) DO UPDATE SET id = excluded.id,"
          + " flow_id = excluded.flow_id, message = excluded.message,"
          + " approvers = excluded.approvers, status = 'pending', comment = NULL,"
          + " answered_by = NULL, answered_by_key = NULL, created_at = excluded.created_at,"
          + " expires_at = excluded.expires_at, answered_at = NULL"
          + " WHERE approvals.status <> 'pending'";

  private static final String RESOLVE =
      "UPDATE approvals SET status = ?, comment = ?, answered_by = ?, answered_by_key = ?,"
          + " answered_at = ? WHERE id = ? AND status = 'pending'";

  private final JsonCodec json;

  ApprovalWriter(JsonCodec json) {
    this.json = json;
  }

  /** Writes the changes in order; the caller commits or rolls back. */
  void write(Connection connection, List<ApprovalWrite> changes) throws SQLException {
    if (changes.isEmpty()) {
      return;
    }
    try (PreparedStatement request = connection.prepareStatement(REQUEST);
        PreparedStatement resolve = connection.prepareStatement(RESOLVE)) {
      for (ApprovalWrite change : changes) {
        switch (change) {
          case ApprovalWrite.Requested r -> {
            request.setString(1, r.id());
            request.setString(2, r.executionId());
            request.setString(3, r.path());
            request.setString(4, r.flowId());
            request.setString(5, r.message());
            request.setString(6, json.write(r.approvers()));
            Timestamps.set(request, 7, r.createdAt());
            Timestamps.set(request, 8, r.expiresAt());
            request.setString(9, r.id());
            request.executeUpdate();
          }
          case ApprovalWrite.Resolved r -> {
            resolve.setString(1, r.status().wireName());
            resolve.setString(2, r.comment());
            resolve.setString(3, r.answeredBy());
            resolve.setString(4, r.answeredByKey());
            Timestamps.set(resolve, 5, r.at());
            resolve.setString(6, r.id());
            resolve.executeUpdate();
          }
        }
      }
    }
  }
}
