package io.aispine.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.sdk.StreamEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code flow watch} prints a streaming node's pieces on one line as they come. */
class LiveOutputTest {

  private static StreamEvent delta(String node, String text) {
    return StreamEvent.parse(
        null,
        "node.output.delta",
        """
        {"specversion":"1.0","type":"io.aispine.node.output.delta","source":"/executions/ex_1",
         "subject":"%s","data":{"attempt":1,"text":"%s"}}"""
            .formatted(node, text));
  }

  @Test
  void prints_the_pieces_of_a_node_on_one_line_ended_by_the_next_event() {
    var text = new StringWriter();
    var live = new ExecutionWatcher.LiveOutput(new PrintWriter(text), Terminal.plain());

    assertThat(live.print(delta("say", "tokens"))).isTrue();
    assertThat(live.print(delta("say", " arrive"))).isTrue();
    assertThat(live.print(StreamEvent.parse("7", "node.completed", "{\"subject\":\"say\"}")))
        .isFalse();

    assertThat(text.toString()).isEqualTo("  say ▸ tokens arrive" + System.lineSeparator());
  }
}
