package io.aispine.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

  private final List<SseMessage> messages = new ArrayList<>();
  private final SseParser parser = new SseParser(messages::add);

  private void feed(String... lines) {
    for (String line : lines) {
      parser.line(line);
    }
  }

  @Test
  void dispatches_a_message_with_id_event_and_data_on_a_blank_line() {
    feed("id: 7", "event: node.completed", "data: {\"a\":1}", "");

    assertThat(messages).containsExactly(new SseMessage("7", "node.completed", "{\"a\":1}"));
    assertThat(parser.lastEventId()).isEqualTo("7");
  }

  @Test
  void joins_multi_line_data_with_newlines_without_a_trailing_one() {
    feed("data: first", "data:second", "data:  third", "");

    assertThat(messages).extracting(SseMessage::data).containsExactly("first\nsecond\n third");
  }

  @Test
  void ignores_comments_such_as_keep_alives_and_unknown_fields() {
    feed(": keep-alive", "foo: bar", "data: x", ":another comment", "");

    assertThat(messages).containsExactly(new SseMessage(null, "message", "x"));
  }

  @Test
  void does_not_dispatch_a_message_without_data_but_keeps_its_id() {
    feed("id: 3", "event: ping", "", "data: after", "");

    assertThat(messages).containsExactly(new SseMessage("3", "message", "after"));
  }

  @Test
  void a_message_without_id_carries_the_last_id_seen() {
    feed("id: 1", "data: a", "", "data: b", "");

    assertThat(messages).extracting(SseMessage::id).containsExactly("1", "1");
  }

  @Test
  void an_empty_id_resets_the_last_event_id_and_an_id_with_nul_is_ignored() {
    feed("id: 5", "data: a", "", "id", "data: b", "", "id: 9\0x", "data: c", "");

    assertThat(messages).extracting(SseMessage::id).containsExactly("5", "", "");
  }

  @Test
  void a_field_without_colon_has_an_empty_value() {
    feed("data", "data", "");

    assertThat(messages).extracting(SseMessage::data).containsExactly("\n");
  }

  @Test
  void strips_only_one_space_after_the_colon_and_keeps_colons_in_the_value() {
    feed("data:   x: y:z", "");

    assertThat(messages).extracting(SseMessage::data).containsExactly("  x: y:z");
  }

  @Test
  void reads_retry_only_when_it_is_all_digits() {
    feed("retry: 1500");
    assertThat(parser.retryMillis()).isEqualTo(1500L);
    feed("retry: 2s", "retry: -1", "retry:");
    assertThat(parser.retryMillis()).isEqualTo(1500L);
  }

  @Test
  void strips_a_byte_order_mark_from_the_first_line_only() {
    feed("\uFEFFdata: a", "", "\uFEFFdata: b", "");

    assertThat(messages).hasSize(1);
    assertThat(messages.getFirst().data()).isEqualTo("a");
  }

  @Test
  void drops_a_message_cut_off_before_its_blank_line() {
    feed("id: 1", "data: complete", "", "id: 2", "data: cut");
    parser.endOfStream();
    feed("data: next", "");

    assertThat(messages).extracting(SseMessage::data).containsExactly("complete", "next");
  }

  @Test
  void resumes_with_the_last_event_id_it_was_given() {
    var resumed = new SseParser(messages::add, "41");
    resumed.line("data: x");
    resumed.line("");

    assertThat(messages).containsExactly(new SseMessage("41", "message", "x"));
  }

  @Test
  void event_type_does_not_leak_into_the_next_message() {
    feed("event: a", "data: 1", "", "data: 2", "");

    assertThat(messages).extracting(SseMessage::event).containsExactly("a", "message");
  }
}
