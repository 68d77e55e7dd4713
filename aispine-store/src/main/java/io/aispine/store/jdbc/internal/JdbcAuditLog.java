package io.aispine.store.jdbc.internal;

import io.aispine.store.AuditActor;
import io.aispine.store.AuditChain;
import io.aispine.store.AuditEntry;
import io.aispine.store.AuditEvent;
import io.aispine.store.AuditLog;
import io.aispine.store.AuditOutcome;
import io.aispine.store.AuditQuery;
import io.aispine.store.AuditScope;
import io.aispine.store.AuditTarget;
import io.aispine.store.Transition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The audit log in the {@code audit_log} table. An append reads the last entry and inserts the next
 * one in the same transaction; SQLite's single writer, and on PostgreSQL a transaction-scoped
 * advisory lock, serialise appends so the chain never forks (the primary key on {@code seq} would
 * refuse a fork anyway).
 */
public final class JdbcAuditLog implements AuditLog {

  private static final String COLUMNS =
      "seq, at, workspace, key_id, role, source, action, target_type, target_id, outcome, status,"
          + " request_id, before_hash, after_hash, prev_hash, hash";

  private final ConnectionPools pools;
  private final Dialect dialect;

  public JdbcAuditLog(ConnectionPools pools, Dialect dialect) {
    this.pools = pools;
    this.dialect = dialect;
  }

  @Override
  public AuditEntry append(AuditEvent event) {
    try (Connection connection = pools.writer().getConnection()) {
      connection.setAutoCommit(false);
      try {
        AuditEntry entry = append(connection, event);
        connection.commit();
        return entry;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw SqlErrors.translate("appending to the audit log", e);
    }
  }

  @Override
  public <T> T appendWithin(Pending event, Supplier<T> write) {
    return AuditScope.run(event, write);
  }

  /**
   * Starts the transaction of a store write on {@code connection}: when an event is pending on this
   * thread, the write's transaction will append it; otherwise nothing changes (autocommit).
   */
  AuditedTransaction begin(Connection connection) throws SQLException {
    Pending event = AuditScope.take(); // one write, one entry
    if (event == null) {
      return AuditedTransaction.NONE;
    }
    return new AuditedTransaction(this, connection, event);
  }

  /**
   * Starts the audit of a batch of engine transitions on {@code connection}, whose transaction is
   * open: the entries the transitions carry are appended in it.
   */
  AuditedBatch before(Connection connection, List<Transition> batch) throws SQLException {
    return AuditedBatch.before(this, connection, batch);
  }

  @Override
  public String hashOf(AuditTarget target) {
    try (Connection connection = pools.reader().getConnection()) {
      return AuditTargets.hash(connection, target);
    } catch (SQLException e) {
      throw SqlErrors.translate("reading audit target " + target, e);
    }
  }

  @Override
  public List<AuditEntry> list(AuditQuery query) {
    var sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE seq > ?");
    List<Object> args = new ArrayList<>();
    args.add(query.afterSeq());
    if (query.workspace() != null) {
      sql.append(" AND workspace = ?");
      args.add(query.workspace());
    }
    if (query.since() != null) {
      sql.append(" AND at >= ?");
      args.add(Timestamps.micros(query.since()));
    }
    if (query.action() != null) {
      sql.append(" AND action = ?");
      args.add(query.action());
    }
    if (query.outcome() != null) {
      sql.append(" AND outcome = ?");
      args.add(query.outcome());
    }
    sql.append(" ORDER BY seq LIMIT ?");
    args.add(query.limit());
    return Query.list(
        pools.reader(),
        sql.toString(),
        "reading the audit log",
        s -> {
          for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
          }
        },
        JdbcAuditLog::entry);
  }

  /** Appends on a connection whose transaction is open; the caller commits. */
  AuditEntry append(Connection connection, AuditEvent event) throws SQLException {
    if (dialect.auditLock() != null) {
      try (Statement lock = connection.createStatement()) {
        lock.execute(dialect.auditLock());
      }
    }
    long seq = 1;
    String prev = AuditChain.GENESIS;
    try (Statement last = connection.createStatement();
        ResultSet row =
            last.executeQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")) {
      if (row.next()) {
        seq = row.getLong(1) + 1;
        prev = row.getString(2);
      }
    }
    var entry = new AuditEntry(seq, event, prev, AuditChain.hash(prev, seq, event));
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO audit_log ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, seq);
      Timestamps.set(insert, 2, event.at());
      insert.setString(3, event.workspace());
      insert.setString(4, event.actor().keyId());
      insert.setString(5, event.actor().role());
      insert.setString(6, event.actor().source());
      insert.setString(7, event.action());
      insert.setString(8, event.target() == null ? null : event.target().type());
      insert.setString(9, event.target() == null ? null : event.target().id());
      insert.setString(10, event.outcome().name());
      if (event.outcome().status() == null) {
        insert.setNull(11, Types.INTEGER);
      } else {
        insert.setInt(11, event.outcome().status());
      }
      insert.setString(12, event.requestId());
      insert.setString(13, event.hashes().before());
      insert.setString(14, event.hashes().after());
      insert.setString(15, prev);
      insert.setString(16, entry.hash());
      insert.executeUpdate();
    }
    return entry;
  }

  private static AuditEntry entry(ResultSet row) throws SQLException {
    String targetType = row.getString("target_type");
    int status = row.getInt("status");
    Integer statusOrNull = row.wasNull() ? null : status;
    var event =
        new AuditEvent(
            Timestamps.get(row, "at"),
            row.getString("workspace"),
            new AuditActor(row.getString("key_id"), row.getString("role"), row.getString("source")),
            row.getString("action"),
            targetType == null ? null : new AuditTarget(targetType, row.getString("target_id")),
            new AuditOutcome(row.getString("outcome"), statusOrNull),
            row.getString("request_id"),
            new AuditEvent.TargetHashes(row.getString("before_hash"), row.getString("after_hash")));
    return new AuditEntry(
        row.getLong("seq"), event, row.getString("prev_hash"), row.getString("hash"));
  }
}
