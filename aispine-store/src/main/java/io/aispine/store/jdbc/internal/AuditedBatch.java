package io.aispine.store.jdbc.internal;

import io.aispine.store.AuditEntry;
import io.aispine.store.AuditEvent;
import io.aispine.store.AuditLog;
import io.aispine.store.AuditTarget;
import io.aispine.store.Transition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit entries that a batch of transitions carries (one per API request the engine commits),
 * appended in the batch's own transaction: the targets' hashes are read before the batch is written
 * ({@link JdbcAuditLog#before}) and after ({@link #append}), and the requests learn of their
 * entries only once the transaction {@link #committed}. A batch carrying none costs nothing.
 */
final class AuditedBatch {

  /** A batch that carries no audit entry. */
  static final AuditedBatch NONE = new AuditedBatch(null, null, List.of());

  private final JdbcAuditLog log;
  private final Connection connection;
  private final List<Item> items;
  private final List<AuditEntry> entries = new ArrayList<>();

  private AuditedBatch(JdbcAuditLog log, Connection connection, List<Item> items) {
    this.log = log;
    this.connection = connection;
    this.items = items;
  }

  /** Reads the before-hash of every audited transition's target, inside the open transaction. */
  static AuditedBatch before(JdbcAuditLog log, Connection connection, List<Transition> batch)
      throws SQLException {
    List<Item> items = null;
    for (Transition transition : batch) {
      AuditLog.Pending pending = transition.audit();
      if (pending == null) {
        continue;
      }
      AuditTarget target = pending.event().target();
      if (target == null) {
        target = new AuditTarget("execution", transition.state().id());
      }
      // a created execution has no stored form yet: nothing to read
      boolean absent = transition.created() && target.type().equals("execution");
      String before = absent ? null : AuditTargets.hash(connection, target);
      if (items == null) {
        items = new ArrayList<>();
      }
      items.add(new Item(pending, target, before));
    }
    return items == null ? NONE : new AuditedBatch(log, connection, items);
  }

  /** Appends the entries, after the batch's writes and before its commit. */
  void append() throws SQLException {
    for (Item item : items) {
      String after = AuditTargets.hash(connection, item.target);
      AuditEvent event =
          item.pending
              .event()
              .withTarget(item.target)
              .withHashes(new AuditEvent.TargetHashes(item.before, after));
      entries.add(log.append(connection, event));
    }
  }

  /** Tells each request its entry: the transaction that holds it committed. */
  void committed() {
    for (int i = 0; i < entries.size(); i++) {
      items.get(i).pending.appended(entries.get(i));
    }
  }

  private record Item(AuditLog.Pending pending, AuditTarget target, String before) {}
}
