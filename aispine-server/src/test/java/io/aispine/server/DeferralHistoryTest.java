package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agents.runtime.AgentResilience;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node that waits long for a guard, on a fake clock: it looks again every {@code recheck} and is
 * held back every time, yet its history records the wait once and its end once, while its execution
 * view keeps showing why it waits and until when, across a restart too.
 */
class DeferralHistoryTest extends ServerTestBase {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration RECHECK = Duration.ofSeconds(10);
  private static final int LOOKS = 40;
  private static final String FLOW =
      """
      id: patient
      version: 1.0.0
      nodes:
        - id: greet
          agent: echo
          with: {text: hello}
      outputs:
        text: "${nodes.greet.output.text}"
      """;

  private final FakeClock clock = new FakeClock(T0);

  @Override
  protected InstantSource clock() {
    return clock;
  }

  @Override
  protected ServerConfig config() {
    return super.config().withResilience(AgentResilience.defaults().withLimits(1000, 0, RECHECK));
  }

  @BeforeEach
  void deploy() {
    assertThat(api.deploy(FLOW).status()).isEqualTo(201);
  }

  @Test
  void a_node_held_back_for_many_looks_records_its_wait_once() {
    assertThat(api.post("/api/v1/agents/echo/drain").status()).isEqualTo(200);
    String id = api.start("patient", "{}");
    await().atMost(Duration.ofSeconds(20)).until(() -> waitingUntil(id) != null);
    List<String> before = events(id);

    for (int look = 1; look <= LOOKS; look++) {
      if (look == LOOKS / 2) {
        restart();
      }
      lookAgain(id);
    }

    JsonNode node = node(id);
    assertThat(node.get("status").asText()).isEqualTo("scheduled");
    assertThat(node.get("attempts").asInt()).as("looks are not attempts").isEqualTo(1);
    assertThat(node.at("/waiting/reason").asText()).isEqualTo("drained");
    assertThat(events(id))
        .as("history after %s looks again", LOOKS)
        .containsExactlyElementsOf(before)
        .containsExactly("execution.started", "node.scheduled", "node.started", "node.deferred");

    assertThat(api.post("/api/v1/agents/echo/undrain").status()).isEqualTo(200);

    JsonNode done = api.awaitFinished(id);
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.at("/outputs/text").asText()).isEqualTo("hello");
    assertThat(events(id))
        .containsExactly(
            "execution.started",
            "node.scheduled",
            "node.started",
            "node.deferred",
            "node.started",
            "node.completed",
            "execution.completed");
    JsonNode resumed =
        api.get("/api/v1/executions/" + id + "/events?limit=500").json().get("items").get(4);
    assertThat(resumed.at("/data/waited_for").asText()).isEqualTo("drained");
  }

  /** Moves the clock to the node's next look and waits until it was held back again. */
  private void lookAgain(String id) {
    Instant until = Instant.parse(waitingUntil(id));
    clock.advance(Duration.between(clock.instant(), until));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              String next = waitingUntil(id);
              return next != null && Instant.parse(next).isAfter(until);
            });
  }

  private String waitingUntil(String id) {
    JsonNode until = node(id).at("/waiting/until");
    return until.isMissingNode() || until.isNull() ? null : until.asText();
  }

  private JsonNode node(String id) {
    return api.get("/api/v1/executions/" + id).json().at("/nodes/0");
  }

  private List<String> events(String id) {
    return api.get("/api/v1/executions/" + id + "/events?limit=500")
        .json()
        .get("items")
        .findValuesAsText("type");
  }
}
