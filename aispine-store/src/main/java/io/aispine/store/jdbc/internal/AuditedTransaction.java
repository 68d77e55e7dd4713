package io.aispine.store.jdbc.internal;

import io.aispine.store.AuditEvent;
import io.aispine.store.AuditLog;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The transaction of one store write that may carry an audit entry: opened before the write (it
 * reads the target's hash), {@link #commit} appends the entry when the write changed something and
 * commits both at once. Without a pending entry it is a no-op and the write autocommits as before.
 */
class AuditedTransaction implements AutoCloseable {

  /** No entry pending: the write commits on its own. */
  static final AuditedTransaction NONE = new AuditedTransaction();

  private final JdbcAuditLog log;
  private final Connection connection;
  private final AuditLog.Pending pending;
  private final String before;
  private boolean done;

  private AuditedTransaction() {
    this.log = null;
    this.connection = null;
    this.pending = null;
    this.before = null;
  }

  AuditedTransaction(JdbcAuditLog log, Connection connection, AuditLog.Pending pending)
      throws SQLException {
    this.log = log;
    this.connection = connection;
    this.pending = pending;
    connection.setAutoCommit(false);
    this.before = AuditTargets.hash(connection, pending.event().target());
  }

  /**
   * Appends the entry when {@code changed} rows were written, then commits. A write that changed
   * nothing appends nothing: the request's answer decides how it is recorded.
   */
  void commit(int changed) throws SQLException {
    if (pending == null) {
      return;
    }
    if (changed > 0) {
      AuditEvent event = pending.event();
      String after = AuditTargets.hash(connection, event.target());
      pending.appended(
          log.append(connection, event.withHashes(new AuditEvent.TargetHashes(before, after))));
    }
    connection.commit();
    done = true;
  }

  @Override
  public void close() throws SQLException {
    if (pending == null) {
      return;
    }
    try {
      if (!done) {
        connection.rollback();
        pending.appended(null);
      }
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
