package io.aispine.store.jdbc;

import static io.aispine.store.jdbc.Executions.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.store.Conversation;
import io.aispine.store.ConversationStore;
import io.aispine.store.InboundMessageRecord;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The behaviour every dialect's {@link ConversationStore} must show. */
abstract class ConversationStoreContract extends StoreContract {

  private ConversationStore conversations() {
    return store.conversations();
  }

  private static InboundMessageRecord message(String id, String sender, long offsetMillis) {
    return new InboundMessageRecord(
        "whatsapp",
        id,
        sender,
        Map.of("id", id, "from", sender, "type", "text", "text", "héllo ✓"),
        T0.plusMillis(offsetMillis),
        null,
        null);
  }

  @Test
  void records_a_message_id_once_and_recognises_the_redelivery() {
    assertThat(conversations().receive(message("wamid.1", "346001", 0))).isTrue();
    assertThat(conversations().receive(message("wamid.1", "346001", 5))).isFalse();
    // the same id on another channel is another message
    assertThat(
            conversations()
                .receive(
                    new InboundMessageRecord(
                        "telegram", "wamid.1", "346001", Map.of(), T0, null, null)))
        .isTrue();

    InboundMessageRecord kept = conversations().message("whatsapp", "wamid.1").orElseThrow();
    assertThat(kept.receivedAt()).isEqualTo(T0);
    assertThat(kept.message()).containsEntry("text", "héllo ✓");
  }

  @Test
  void keeps_unfinished_messages_with_their_route_across_a_reopen_until_processed() {
    conversations().receive(message("wamid.b", "346001", 20));
    conversations().receive(message("wamid.a", "346001", 10));
    conversations().route("whatsapp", "wamid.a", "start:ex_abc");

    reopen();

    assertThat(conversations().unfinished())
        .extracting(InboundMessageRecord::messageId, InboundMessageRecord::route)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("wamid.a", "start:ex_abc"),
            org.assertj.core.groups.Tuple.tuple("wamid.b", null));

    Conversation session =
        new Conversation(
            "whatsapp", "346001", Map.of("name", "Ada"), "ex_abc", 1, T0, T0.plusSeconds(1));
    conversations().processed("whatsapp", "wamid.a", session);

    assertThat(conversations().unfinished())
        .extracting(InboundMessageRecord::messageId)
        .containsExactly("wamid.b");
    assertThat(conversations().message("whatsapp", "wamid.a").orElseThrow().processedAt())
        .isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void keeps_one_session_per_sender_updated_by_each_message() {
    conversations().receive(message("wamid.1", "346001", 0));
    conversations().receive(message("wamid.2", "346001", 1));
    conversations()
        .processed(
            "whatsapp",
            "wamid.1",
            new Conversation("whatsapp", "346001", Map.of("name", "Ada"), "ex_1", 1, T0, T0));
    conversations()
        .processed(
            "whatsapp",
            "wamid.2",
            new Conversation(
                "whatsapp",
                "346001",
                Map.of("name", "Ada", "messages", 2),
                "ex_2",
                2,
                T0.plus(Duration.ofDays(1)),
                T0.plus(Duration.ofMinutes(3))));

    Conversation session = conversations().conversation("whatsapp", "346001").orElseThrow();
    assertThat(session.executionId()).isEqualTo("ex_2");
    assertThat(session.messages()).isEqualTo(2);
    assertThat(session.context()).containsEntry("messages", 2);
    // the session started with its first message; a later save does not move that
    assertThat(session.startedAt()).isEqualTo(T0);
    assertThat(session.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
    assertThat(conversations().conversation("whatsapp", "346009")).isEmpty();
  }
}
