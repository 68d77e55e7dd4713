package io.aispine.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.agent.AgentException;
import io.aispine.llm.standin.StandInLlm;
import io.aispine.llm.standin.StandInLlm.Reply;
import io.aispine.store.ModelProviders.Kind;
import io.aispine.store.ModelProviders.Provider;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each provider protocol against the stand-in model server, over real HTTP. */
class ProviderProtocolsTest {

  private final StandInLlm standIn = StandInLlm.start();

  @AfterEach
  void stop() {
    standIn.close();
  }

  static String baseUrl(Kind kind, String standInUrl) {
    return kind == Kind.OPENAI ? standInUrl + "/v1" : standInUrl;
  }

  private ChatClient client(Kind kind) {
    return ChatClients.of(
        new Provider(
            "default",
            "p",
            kind,
            baseUrl(kind, standIn.url()),
            null,
            Duration.ofSeconds(30),
            false,
            true,
            Instant.EPOCH),
        "sk-test");
  }

  private static ChatRequest ask(String text) {
    return new ChatRequest("m-1", "be brief", List.of(ChatMessage.user(text)), 0.2, 50);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void answers_with_text_model_and_token_counts(Kind kind) throws Exception {
    standIn.script(Reply.text("forty two", 7, 2));

    ChatReply reply = client(kind).chat(ask("what is six times seven"), null);

    assertThat(reply).isEqualTo(new ChatReply("forty two", "m-1", 7, 2));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void streams_the_answer_in_pieces_and_still_counts_tokens(Kind kind) throws Exception {
    standIn.script(Reply.text("the answer is forty two", 9, 5));
    List<String> pieces = new CopyOnWriteArrayList<>();

    ChatReply reply = client(kind).chat(ask("what is six times seven"), pieces::add);

    assertThat(pieces).containsExactly("the", " answer", " is", " forty", " two");
    assertThat(reply).isEqualTo(new ChatReply("the answer is forty two", "m-1", 9, 5));
  }

  @Test
  void sends_each_protocols_own_fields_and_headers() throws Exception {
    client(Kind.OPENAI).chat(ask("hi"), null);
    client(Kind.ANTHROPIC).chat(ask("hi"), null);
    client(Kind.OLLAMA).chat(ask("hi"), null);

    var sent = standIn.requests();
    assertThat(sent.get(0).path()).isEqualTo("/v1/chat/completions");
    assertThat(sent.get(0).headers()).containsEntry("authorization", "Bearer sk-test");
    assertThat(sent.get(0).body().path("messages").path(0).path("role").asText())
        .isEqualTo("system");
    assertThat(sent.get(0).body().path("max_tokens").asInt()).isEqualTo(50);
    assertThat(sent.get(1).path()).isEqualTo("/v1/messages");
    assertThat(sent.get(1).headers())
        .containsEntry("x-api-key", "sk-test")
        .containsEntry("anthropic-version", "2023-06-01");
    assertThat(sent.get(1).body().path("system").asText()).isEqualTo("be brief");
    assertThat(sent.get(2).path()).isEqualTo("/api/chat");
    assertThat(sent.get(2).body().path("options").path("num_predict").asInt()).isEqualTo(50);
    assertThat(sent.get(2).body().path("stream").asBoolean(true)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_provider_that_is_down_is_an_unreachable_retryable_error(Kind kind) {
    standIn.down(true);

    assertThatThrownBy(() -> client(kind).chat(ask("hi"), null))
        .isInstanceOf(AgentException.Unreachable.class)
        .hasMessageContaining("503");
    assertThatThrownBy(() -> client(kind).check()).isInstanceOf(AgentException.Unreachable.class);
  }

  @Test
  void a_provider_nobody_listens_on_is_unreachable_and_says_so() throws Exception {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ChatClient client =
        ChatClients.of(
            new Provider(
                "default",
                "gone",
                Kind.OPENAI,
                "http://127.0.0.1:" + port + "/v1",
                null,
                Duration.ofSeconds(5),
                false,
                false,
                Instant.EPOCH),
            null);

    assertThatThrownBy(() -> client.chat(ask("hi"), null))
        .isInstanceOf(AgentException.Unreachable.class)
        .hasMessageContaining("provider 'gone' cannot be reached")
        .hasMessageContaining("is the model server running?");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void the_health_check_lists_models(Kind kind) throws Exception {
    client(kind).check();

    assertThat(standIn.requests().getLast().path())
        .endsWith(kind == Kind.OLLAMA ? "/tags" : "/models");
  }
}
