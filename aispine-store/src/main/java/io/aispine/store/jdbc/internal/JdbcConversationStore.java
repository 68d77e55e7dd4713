package io.aispine.store.jdbc.internal;

import io.aispine.store.Conversation;
import io.aispine.store.ConversationStore;
import io.aispine.store.InboundMessageRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Channel messages and sessions in {@code channel_messages} and {@code conversations}. */
public final class JdbcConversationStore implements ConversationStore {

  private static final String MESSAGE_COLUMNS =
      "channel, message_id, sender, message, received_at, route, processed_at";
  private static final String CONVERSATION_COLUMNS =
      "channel, sender, context, execution_id, messages, started_at, updated_at";

  private final ConnectionPools pools;
  private final JsonCodec json;

  /** A store over the given pools. */
  public JdbcConversationStore(ConnectionPools pools, JsonCodec json) {
    this.pools = pools;
    this.json = json;
  }

  @Override
  public boolean receive(InboundMessageRecord message) {
    try (Connection connection = pools.writer().getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO channel_messages ("
                    + MESSAGE_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, NULL, NULL)"
                    + " ON CONFLICT (channel, message_id) DO NOTHING")) {
      insert.setString(1, message.channel());
      insert.setString(2, message.messageId());
      insert.setString(3, message.sender());
      insert.setString(4, json.write(message.message()));
      Timestamps.set(insert, 5, message.receivedAt());
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw SqlErrors.translate("recording inbound message " + message.messageId(), e);
    }
  }

  @Override
  public Optional<InboundMessageRecord> message(String channel, String messageId) {
    return Query.list(
            pools.reader(),
            "SELECT "
                + MESSAGE_COLUMNS
                + " FROM channel_messages WHERE channel = ? AND message_id = ?",
            "reading inbound message " + messageId,
            s -> {
              s.setString(1, channel);
              s.setString(2, messageId);
            },
            this::message)
        .stream()
        .findFirst();
  }

  @Override
  public List<InboundMessageRecord> unfinished() {
    return Query.list(
        pools.reader(),
        "SELECT "
            + MESSAGE_COLUMNS
            + " FROM channel_messages WHERE processed_at IS NULL ORDER BY received_at, message_id",
        "reading unfinished inbound messages",
        s -> {},
        this::message);
  }

  @Override
  public void route(String channel, String messageId, String route) {
    try (Connection connection = pools.writer().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE channel_messages SET route = ? WHERE channel = ? AND message_id = ?")) {
      update.setString(1, route);
      update.setString(2, channel);
      update.setString(3, messageId);
      update.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.translate("routing inbound message " + messageId, e);
    }
  }

  @Override
  public void processed(String channel, String messageId, Conversation conversation) {
    try (Connection connection = pools.writer().getConnection()) {
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement done =
            connection.prepareStatement(
                "UPDATE channel_messages SET processed_at = ? WHERE channel = ? AND message_id = ?")) {
          Timestamps.set(done, 1, conversation.updatedAt());
          done.setString(2, channel);
          done.setString(3, messageId);
          done.executeUpdate();
        }
        try (PreparedStatement save =
            connection.prepareStatement(
                "INSERT INTO conversations ("
                    + CONVERSATION_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel, sender) DO UPDATE SET"
                    + " context = excluded.context, execution_id = excluded.execution_id,"
                    + " messages = excluded.messages, updated_at = excluded.updated_at")) {
          save.setString(1, conversation.channel());
          save.setString(2, conversation.sender());
          save.setString(3, json.write(conversation.context()));
          save.setString(4, conversation.executionId());
          save.setLong(5, conversation.messages());
          Timestamps.set(save, 6, conversation.startedAt());
          Timestamps.set(save, 7, conversation.updatedAt());
          save.executeUpdate();
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw SqlErrors.translate("finishing inbound message " + messageId, e);
    }
  }

  @Override
  public Optional<Conversation> conversation(String channel, String sender) {
    return Query.list(
            pools.reader(),
            "SELECT "
                + CONVERSATION_COLUMNS
                + " FROM conversations WHERE channel = ? AND sender = ?",
            "reading the conversation of " + channel + " sender",
            s -> {
              s.setString(1, channel);
              s.setString(2, sender);
            },
            row ->
                new Conversation(
                    row.getString("channel"),
                    row.getString("sender"),
                    json.object(row.getString("context")),
                    row.getString("execution_id"),
                    row.getLong("messages"),
                    Timestamps.get(row, "started_at"),
                    Timestamps.get(row, "updated_at")))
        .stream()
        .findFirst();
  }

  private InboundMessageRecord message(ResultSet row) throws SQLException {
    Instant processed = Timestamps.get(row, "processed_at");
    return new InboundMessageRecord(
        row.getString("channel"),
        row.getString("message_id"),
        row.getString("sender"),
        json.object(row.getString("message")),
        Timestamps.get(row, "received_at"),
        row.getString("route"),
        processed);
  }
}
