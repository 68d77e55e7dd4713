package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Each attempt of an execution shows the input its agent was called with (the console's node
 * detail).
 */
class NodeRunInputTest extends ServerTestBase {

  @Test
  void shows_the_resolved_input_of_each_attempt() {
    assertThat(api.deploy(HELLO).status()).isEqualTo(201);
    String id = api.start("hello", "{\"name\": \"Ada\"}");

    JsonNode execution = api.awaitFinished(id);

    JsonNode run = execution.at("/nodes/0/runs/0");
    assertThat(run.at("/input/message").asText()).isEqualTo("Hello, Ada!");
  }
}
