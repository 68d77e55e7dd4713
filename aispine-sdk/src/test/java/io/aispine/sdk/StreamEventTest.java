package io.aispine.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.api.ExecutionStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StreamEventTest {

  private static final String CLOUD_EVENT =
      """
      {"specversion":"1.0","id":"ex_01:7","source":"/executions/ex_01",
       "type":"io.aispine.node.completed","time":"2026-11-22T05:05:46.123Z","subject":"ocr",
       "datacontenttype":"application/json",
       "data":{"seq":7,"attempt":2,"output":{"ok":true},"duration_ms":212}}""";

  @Test
  void reads_execution_node_sequence_and_attempt_from_the_cloud_event() {
    var event = StreamEvent.parse("7", "node.completed", CLOUD_EVENT);

    assertThat(event.id()).isEqualTo("7");
    assertThat(event.type()).isEqualTo("node.completed");
    assertThat(event.executionId()).isEqualTo("ex_01");
    assertThat(event.node()).isEqualTo("ocr");
    assertThat(event.seq()).isEqualTo(7L);
    assertThat(event.attempt()).isEqualTo(2);
    assertThat(event.time()).isEqualTo(Instant.parse("2026-11-22T05:05:46.123Z"));
    assertThat(event.data()).containsEntry("duration_ms", 212);
    assertThat(event.terminal()).isFalse();
  }

  @Test
  void takes_the_type_from_the_cloud_event_when_the_sse_message_has_none() {
    var event = StreamEvent.parse("7", "message", CLOUD_EVENT);

    assertThat(event.type()).isEqualTo("node.completed");
  }

  @Test
  void terminal_events_tell_the_execution_status() {
    var failed =
        StreamEvent.parse(
            "9", "execution.failed", "{\"source\":\"/executions/ex_2\",\"data\":{\"seq\":9}}");

    assertThat(failed.terminal()).isTrue();
    assertThat(failed.executionStatus()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void data_that_is_not_json_is_still_delivered_as_text() {
    var event = StreamEvent.parse("1", "note", "not json");

    assertThat(event.type()).isEqualTo("note");
    assertThat(event.json()).isEqualTo("not json");
    assertThat(event.data()).isEmpty();
  }
}
