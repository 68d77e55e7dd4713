package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Retries at volume under the default settings: nodes that fail on purpose a few times and then
 * succeed must not shut their agent off for everyone else. Their errors are the agent's own
 * answers, not outages, so they never open its circuit.
 */
class RetriesAtVolumeTest extends ServerTestBase {

  private static final String FLAKY =
      """
      id: flaky
      version: 1.0.0
      nodes:
        - id: fail
          agent: fail
          retry: {max_attempts: 3, initial: 100ms, max: 200ms}
          with: {times: 2}
      outputs:
        attempt: "${nodes.fail.output.attempt}"
      """;

  @Test
  void thirty_executions_whose_node_fails_twice_then_succeeds_all_finish() {
    assertThat(api.deploy(FLAKY).status()).isEqualTo(201);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ids.add(api.start("flaky", "{}"));
    }

    for (String id : ids) {
      JsonNode done = api.awaitFinished(id);
      assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
      assertThat(done.at("/outputs/attempt").asInt()).isEqualTo(3);
      assertThat(done.at("/nodes/0/attempts").asInt()).isEqualTo(3);
    }
    JsonNode circuit = api.get("/api/v1/agents/fail").json().at("/versions/0/circuit");
    assertThat(circuit.get("state").asText()).isEqualTo("closed");
    assertThat(circuit.get("failures").asInt()).isZero();
  }
}
