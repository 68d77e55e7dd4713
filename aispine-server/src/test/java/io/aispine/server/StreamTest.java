package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StreamTest extends ServerTestBase {

  static final String STEPS =
      """
      id: steps
      version: 1.0.0
      nodes:
        - id: a
          agent: echo
          with: {n: 1}
        - id: nap
          agent: sleep
          needs: [a]
          with: {ms: 400}
        - id: b
          agent: echo
          needs: [nap]
          with: {n: 2}
      """;

  @Test
  void streams_an_execution_live_as_cloud_events_and_ends_after_the_terminal_event()
      throws Exception {
    api.deploy(STEPS);
    String id = api.start("steps", "{}");

    List<SseReader.Message> messages;
    try (var stream = SseReader.open(api, "/api/v1/executions/" + id + "/stream", null)) {
      assertThat(stream.response().headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/event-stream");
      messages = stream.rest();
    }

    assertThat(messages.getFirst().event()).isEqualTo("execution.started");
    assertThat(messages.getLast().event()).isEqualTo("execution.completed");
    assertThat(messages)
        .extracting(SseReader.Message::id)
        .containsExactlyElementsOf(sequence(1, messages.size()));
    JsonNode completed =
        messages.stream()
            .filter(m -> m.event().equals("node.completed"))
            .findFirst()
            .orElseThrow()
            .data();
    assertThat(completed.get("specversion").asText()).isEqualTo("1.0");
    assertThat(completed.get("type").asText()).isEqualTo("io.aispine.node.completed");
    assertThat(completed.get("source").asText()).isEqualTo("/executions/" + id);
    assertThat(completed.get("subject").asText()).isEqualTo("a");
    assertThat(completed.get("id").asText()).startsWith(id + ":");
    assertThat(completed.at("/data/output/n").asInt()).isEqualTo(1);
    assertThat(completed.at("/data/duration_ms").isNumber()).isTrue();
    assertThat(messages.size()).isEqualTo(history(id).size());
  }

  @Test
  void resumes_an_execution_stream_after_last_event_id_without_gaps_or_duplicates()
      throws Exception {
    api.deploy(STEPS);
    String id = api.start("steps", "{}");
    List<String> seen = new ArrayList<>();

    try (var stream = SseReader.open(api, "/api/v1/executions/" + id + "/stream", null)) {
      seen.add(stream.next().id());
      seen.add(stream.next().id());
    }
    try (var stream = SseReader.open(api, "/api/v1/executions/" + id + "/stream", seen.getLast())) {
      stream.rest().forEach(m -> seen.add(m.id()));
    }

    assertThat(seen).containsExactlyElementsOf(sequence(1, history(id).size()));
  }

  @Test
  void ends_a_resumed_stream_at_once_when_the_execution_already_finished() throws Exception {
    api.deploy(HELLO);
    String id = api.start("hello", "{\"name\": \"a\"}");
    api.awaitFinished(id);
    int last = history(id).size();

    try (var stream =
        SseReader.open(api, "/api/v1/executions/" + id + "/stream", Integer.toString(last))) {
      assertThat(stream.rest()).isEmpty();
    }
  }

  @Test
  void streams_every_execution_globally_and_resumes_by_position() throws Exception {
    api.deploy(HELLO);
    List<SseReader.Message> first = new ArrayList<>();
    String firstId;
    try (var stream = SseReader.open(api, "/api/v1/events/stream", null)) {
      firstId = api.start("hello", "{\"name\": \"one\"}");
      api.awaitFinished(firstId);
      for (int i = 0; i < history(firstId).size(); i++) {
        first.add(stream.next());
      }
    }
    // while nobody listens, more executions run
    String second = api.start("hello", "{\"name\": \"two\"}");
    String third = api.start("hello", "{\"name\": \"three\"}");
    api.awaitFinished(second);
    api.awaitFinished(third);

    List<SseReader.Message> resumed = new ArrayList<>();
    try (var stream = SseReader.open(api, "/api/v1/events/stream", first.getLast().id())) {
      int expected = history(second).size() + history(third).size();
      for (int i = 0; i < expected; i++) {
        resumed.add(stream.next());
      }
      String fourth = api.start("hello", "{\"name\": \"four\"}");
      SseReader.Message live = stream.next();
      assertThat(live.data().get("source").asText()).isEqualTo("/executions/" + fourth);
      resumed.add(live);
    }

    assertThat(first)
        .allSatisfy(m -> assertThat(m.data().get("source").asText()).endsWith(firstId));
    List<Long> positions = new ArrayList<>();
    first.forEach(m -> positions.add(Long.parseLong(m.id())));
    resumed.forEach(m -> positions.add(Long.parseLong(m.id())));
    assertThat(positions).isSorted().doesNotHaveDuplicates();
    List<String> events = resumed.stream().map(m -> m.data().get("id").asText()).toList();
    assertThat(events).doesNotHaveDuplicates();
    for (String execution : List.of(second, third)) {
      assertThat(events.stream().filter(e -> e.startsWith(execution + ":")))
          .hasSize(history(execution).size());
    }
  }

  @Test
  void refuses_a_malformed_last_event_id_and_unknown_executions() {
    Api.Answer bad =
        Api.send(
            api.request("/api/v1/events/stream")
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", "ex_1:7")
                .build());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/errors/0/parameter").asText()).isEqualTo("Last-Event-ID");
    assertThat(api.get("/api/v1/executions/ex_nope/stream").status()).isEqualTo(404);
  }

  private List<JsonNode> history(String id) {
    List<JsonNode> events = new ArrayList<>();
    api.get("/api/v1/executions/" + id + "/events?limit=500")
        .json()
        .get("items")
        .forEach(events::add);
    return events;
  }

  private static List<String> sequence(int from, int to) {
    return LongStream.rangeClosed(from, to).mapToObj(Long::toString).toList();
  }
}
