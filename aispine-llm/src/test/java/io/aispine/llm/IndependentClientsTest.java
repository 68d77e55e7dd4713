package io.aispine.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.aispine.llm.standin.StandInLlm;
import io.aispine.llm.standin.StandInLlm.Reply;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in answers LangChain4j's own OpenAI and Ollama clients: proof that it speaks those
 * protocols as others read them, not only as our clients do.
 */
class IndependentClientsTest {

  private final StandInLlm standIn = StandInLlm.start();

  @AfterEach
  void stop() {
    standIn.close();
  }

  @Test
  void langchain4j_openai_client_reads_answers_and_usage() {
    standIn.script(Reply.text("forty two", 7, 2));
    var model =
        OpenAiChatModel.builder()
            .baseUrl(standIn.url() + "/v1")
            .apiKey("sk-test")
            .modelName("gpt-4o-mini")
            .maxRetries(0)
            .build();

    ChatResponse response = model.chat(dev.langchain4j.data.message.UserMessage.from("q"));

    assertThat(response.aiMessage().text()).isEqualTo("forty two");
    assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(7);
    assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(2);
  }

  @Test
  void langchain4j_openai_streaming_client_reads_pieces_and_usage() throws Exception {
    standIn.script(Reply.text("the answer is forty two", 9, 5));
    var model =
        OpenAiStreamingChatModel.builder()
            .baseUrl(standIn.url() + "/v1")
            .apiKey("sk-test")
            .modelName("gpt-4o-mini")
            .build();

    ChatResponse response = stream(model::chat);

    assertThat(response.aiMessage().text()).isEqualTo("the answer is forty two");
    assertThat(pieces).containsExactly("the", " answer", " is", " forty", " two");
    assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(9);
    assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(5);
    assertThat(standIn.requests().getLast().body().path("stream").asBoolean()).isTrue();
  }

  @Test
  void langchain4j_ollama_clients_read_answers_streams_and_counts() throws Exception {
    standIn.script(Reply.text("hello there", 3, 2), Reply.text("hello again friend", 4, 3));
    var model = OllamaChatModel.builder().baseUrl(standIn.url()).modelName("llama3").build();
    var streaming =
        OllamaStreamingChatModel.builder().baseUrl(standIn.url()).modelName("llama3").build();

    ChatResponse whole = model.chat(dev.langchain4j.data.message.UserMessage.from("hi"));
    ChatResponse streamed = stream(streaming::chat);

    assertThat(whole.aiMessage().text()).isEqualTo("hello there");
    assertThat(whole.tokenUsage().inputTokenCount()).isEqualTo(3);
    assertThat(streamed.aiMessage().text()).isEqualTo("hello again friend");
    assertThat(pieces).containsExactly("hello", " again", " friend");
    assertThat(streamed.tokenUsage().outputTokenCount()).isEqualTo(3);
  }

  private final List<String> pieces = new CopyOnWriteArrayList<>();

  private ChatResponse stream(
      java.util.function.BiConsumer<String, StreamingChatResponseHandler> chat) throws Exception {
    var done = new CompletableFuture<ChatResponse>();
    chat.accept(
        "q",
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            pieces.add(partial);
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    return done.get(30, TimeUnit.SECONDS);
  }
}
