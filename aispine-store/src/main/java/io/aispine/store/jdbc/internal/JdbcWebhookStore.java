package io.aispine.store.jdbc.internal;

import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionEvent;
import io.aispine.store.StoredEvent;
import io.aispine.store.WebhookStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Webhook subscriptions in {@code webhooks} (their patterns, as SQL LIKE patterns, in {@code
 * webhook_patterns} while enabled) and deliveries in {@code webhook_deliveries}, which the {@code
 * events_webhooks} trigger fills in the transaction of each event (see V16).
 */
public final class JdbcWebhookStore implements WebhookStore {

  private static final String SUBSCRIPTION =
      "id, workspace_id, url, event_types, description, enabled, disabled_reason, disabled_at,"
          + " created_at";
  private static final String DELIVERY =
      "d.id, d.webhook_id, d.workspace_id, d.event_pos, d.event_type, d.status, d.attempts,"
          + " d.created_at, d.retry_from, d.next_attempt_at, d.last_attempt_at, d.response_code,"
          + " d.latency_ms, d.last_error";

  private final ConnectionPools pools;
  private final JsonCodec json;

  public JdbcWebhookStore(ConnectionPools pools, JsonCodec json) {
    this.pools = pools;
    this.json = json;
  }

  /** The SQL LIKE pattern (escape {@code \}) of a glob: {@code *} any run, {@code ?} one char. */
  static String like(String glob) {
    StringBuilder like = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> like.append('%');
        case '?' -> like.append('_');
        case '%', '_', '\\' -> like.append('\\').append(c);
        default -> like.append(c);
      }
    }
    return like.toString();
  }

  @Override
  public void create(Subscription s) {
    inTransaction(
        "creating webhook " + s.id(),
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO webhooks ("
                      + SUBSCRIPTION
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, s.id());
            insert.setString(2, s.workspace());
            insert.setString(3, s.url());
            insert.setString(4, json.write(s.eventTypes()));
            insert.setString(5, s.description());
            insert.setInt(6, s.enabled() ? 1 : 0);
            insert.setString(7, s.disabledReason());
            Timestamps.set(insert, 8, s.disabledAt());
            Timestamps.set(insert, 9, s.createdAt());
            insert.executeUpdate();
          }
          if (s.enabled()) {
            insertPatterns(connection, s.workspace(), s.id(), s.eventTypes());
          }
          return null;
        });
  }

  private static void insertPatterns(
      Connection connection, String workspace, String id, List<String> globs) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO webhook_patterns (workspace_id, webhook_id, pattern) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
      for (String glob : globs) {
        insert.setString(1, workspace);
        insert.setString(2, id);
        insert.setString(3, like(glob));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @Override
  public Optional<Subscription> find(String workspace, String id) {
    return Query.list(
            pools.reader(),
            "SELECT " + SUBSCRIPTION + " FROM webhooks WHERE workspace_id = ? AND id = ?",
            "reading webhook " + id,
            s -> {
              s.setString(1, workspace);
              s.setString(2, id);
            },
            this::subscription)
        .stream()
        .findFirst();
  }

  @Override
  public List<Subscription> list(String workspace) {
    return Query.list(
        pools.reader(),
        "SELECT " + SUBSCRIPTION + " FROM webhooks WHERE workspace_id = ? ORDER BY created_at, id",
        "listing webhooks",
        s -> s.setString(1, workspace),
        this::subscription);
  }

  private Subscription subscription(ResultSet row) throws SQLException {
    List<String> types =
        ((List<?>) json.value(row.getString("event_types"))).stream().map(String::valueOf).toList();
    return new Subscription(
        row.getString("id"),
        row.getString("workspace_id"),
        row.getString("url"),
        types,
        row.getString("description"),
        row.getInt("enabled") == 1,
        row.getString("disabled_reason"),
        Timestamps.get(row, "disabled_at"),
        Timestamps.get(row, "created_at"));
  }

  @Override
  public boolean delete(String workspace, String id) {
    return inTransaction(
        "deleting webhook " + id,
        connection -> {
          // explicit rather than by cascade: SQLite enforces foreign keys only when told to
          for (String sql :
              List.of(
                  "DELETE FROM webhook_patterns WHERE workspace_id = ? AND webhook_id = ?",
                  "DELETE FROM webhook_deliveries WHERE workspace_id = ? AND webhook_id = ?")) {
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
              delete.setString(1, workspace);
              delete.setString(2, id);
              delete.executeUpdate();
            }
          }
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM webhooks WHERE workspace_id = ? AND id = ?")) {
            delete.setString(1, workspace);
            delete.setString(2, id);
            return delete.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean disable(String id, String reason, Instant at) {
    return inTransaction(
        "disabling webhook " + id,
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE webhooks SET enabled = 0, disabled_reason = ?, disabled_at = ?"
                      + " WHERE id = ? AND enabled = 1")) {
            update.setString(1, reason);
            Timestamps.set(update, 2, at);
            update.setString(3, id);
            if (update.executeUpdate() == 0) {
              return false;
            }
          }
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM webhook_patterns WHERE webhook_id = ?")) {
            delete.setString(1, id);
            delete.executeUpdate();
          }
          try (PreparedStatement fail =
              connection.prepareStatement(
                  "UPDATE webhook_deliveries SET status = 'failed', last_error = COALESCE(last_error,"
                      + " '') || ' (webhook disabled)' WHERE webhook_id = ? AND status = 'pending'")) {
            fail.setString(1, id);
            fail.executeUpdate();
          }
          return true;
        });
  }

  @Override
  public void enqueueTest(Delivery d, String payload) {
    Query.update(
        pools.writer(),
        "INSERT INTO webhook_deliveries (id, webhook_id, workspace_id, event_pos, event_type,"
            + " payload, status, attempts, retry_from, next_attempt_at, created_at)"
            + " VALUES (?, ?, ?, NULL, ?, ?, 'pending', 0, ?, 0, ?)",
        "queueing a test delivery to webhook " + d.webhookId(),
        s -> {
          s.setString(1, d.id());
          s.setString(2, d.webhookId());
          s.setString(3, d.workspace());
          s.setString(4, d.eventType());
          s.setString(5, payload);
          Timestamps.set(s, 6, d.createdAt());
          Timestamps.set(s, 7, d.createdAt());
        });
  }

  @Override
  public List<Due> due(Instant now, int limit) {
    return Query.list(
        pools.reader(),
        "SELECT "
            + DELIVERY
            + ", d.payload, w.url, e.execution_id, e.seq, e.type, e.node_path, e.attempt, e.at,"
            + " e.data FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"
            + " LEFT JOIN events e ON e.pos = d.event_pos"
            + " WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND w.enabled = 1"
            + " ORDER BY d.next_attempt_at, d.event_pos LIMIT ?",
        "reading due webhook deliveries",
        s -> {
          s.setLong(1, Timestamps.micros(now));
          s.setInt(2, limit);
        },
        row -> {
          Delivery delivery = delivery(row);
          String executionId = row.getString("execution_id");
          StoredEvent event =
              executionId == null
                  ? null
                  : new StoredEvent(
                      delivery.eventPosition(),
                      new ExecutionEvent(
                          executionId,
                          row.getLong("seq"),
                          EventType.fromWire(row.getString("type")),
                          row.getString("node_path"),
                          row.getInt("attempt"),
                          Timestamps.get(row, "at"),
                          json.object(row.getString("data"))));
          return new Due(delivery, row.getString("url"), event, row.getString("payload"));
        });
  }

  @Override
  public void record(List<Attempt> attempts) {
    if (attempts.isEmpty()) {
      return;
    }
    inTransaction(
        "recording webhook delivery attempts",
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1,"
                      + " last_attempt_at = ?, response_code = ?, latency_ms = ?, last_error = ?,"
                      + " next_attempt_at = ? WHERE id = ? AND status = 'pending'")) {
            for (Attempt a : attempts) {
              update.setString(1, a.status().name().toLowerCase(Locale.ROOT));
              Timestamps.set(update, 2, a.at());
              if (a.responseCode() == null) {
                update.setNull(3, java.sql.Types.INTEGER);
              } else {
                update.setInt(3, a.responseCode());
              }
              update.setLong(4, a.latencyMillis());
              update.setString(5, a.error());
              update.setLong(
                  6, a.nextAttemptAt() == null ? 0 : Timestamps.micros(a.nextAttemptAt()));
              update.setString(7, a.deliveryId());
              update.addBatch();
            }
            update.executeBatch();
          }
          return null;
        });
  }

  @Override
  public List<Delivery> deliveries(String workspace, String webhookId, int limit) {
    return Query.list(
        pools.reader(),
        "SELECT "
            + DELIVERY
            + " FROM webhook_deliveries d WHERE d.workspace_id = ? AND d.webhook_id = ?"
            + " ORDER BY d.created_at DESC, d.event_pos DESC, d.id DESC LIMIT ?",
        "listing the deliveries of webhook " + webhookId,
        s -> {
          s.setString(1, workspace);
          s.setString(2, webhookId);
          s.setInt(3, limit);
        },
        JdbcWebhookStore::delivery);
  }

  private static Delivery delivery(ResultSet row) throws SQLException {
    int code = row.getInt("response_code");
    Integer responseCode = row.wasNull() ? null : code;
    long latency = row.getLong("latency_ms");
    Long latencyMillis = row.wasNull() ? null : latency;
    return new Delivery(
        row.getString("id"),
        row.getString("webhook_id"),
        row.getString("workspace_id"),
        row.getLong("event_pos"),
        row.getString("event_type"),
        Status.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
        row.getInt("attempts"),
        Timestamps.get(row, "created_at"),
        Timestamps.get(row, "retry_from"),
        Timestamps.get(row, "next_attempt_at"),
        Timestamps.get(row, "last_attempt_at"),
        responseCode,
        latencyMillis,
        row.getString("last_error"));
  }

  @Override
  public int redeliver(String workspace, String webhookId, String deliveryId, Instant now) {
    return inTransaction(
        "redelivering to webhook " + webhookId,
        connection -> {
          int queued;
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE webhook_deliveries SET status = 'pending', retry_from = ?,"
                      + " next_attempt_at = ? WHERE workspace_id = ? AND webhook_id = ?"
                      + (deliveryId == null ? " AND status = 'failed'" : " AND id = ?"))) {
            Timestamps.set(update, 1, now);
            Timestamps.set(update, 2, now);
            update.setString(3, workspace);
            update.setString(4, webhookId);
            if (deliveryId != null) {
              update.setString(5, deliveryId);
            }
            queued = update.executeUpdate();
          }
          List<String> globs = null;
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT event_types FROM webhooks WHERE workspace_id = ? AND id = ?"
                      + " AND enabled = 0")) {
            select.setString(1, workspace);
            select.setString(2, webhookId);
            try (ResultSet row = select.executeQuery()) {
              if (row.next()) {
                globs =
                    ((List<?>) json.value(row.getString(1))).stream().map(String::valueOf).toList();
              }
            }
          }
          if (globs != null) {
            try (PreparedStatement enable =
                connection.prepareStatement(
                    "UPDATE webhooks SET enabled = 1, disabled_reason = NULL, disabled_at = NULL"
                        + " WHERE id = ?")) {
              enable.setString(1, webhookId);
              enable.executeUpdate();
            }
            insertPatterns(connection, workspace, webhookId, globs);
          }
          return queued;
        });
  }

  /** Work inside one transaction on the writer. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T inTransaction(String operation, Work<T> work) {
    try (Connection connection = pools.writer().getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(operation, e);
    }
  }
}
