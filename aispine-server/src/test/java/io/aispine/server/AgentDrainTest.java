package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agent.AgentResult;
import io.aispine.agents.runtime.AgentResilience;
import io.aispine.agents.serve.AgentServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A drained agent gets no new calls, across a restart, until it is undrained. */
class AgentDrainTest extends ServerTestBase {

  private static final String FLOW =
      """
      id: review
      version: 1.0.0
      nodes:
        - id: check
          agent: reviewer@^1
          with: {document: passport}
      """;

  private final AtomicInteger calls = new AtomicInteger();
  private Duration recheck = Duration.ofMillis(100);
  private AgentServer reviewer;

  @Override
  protected ServerConfig config() {
    return super.config().withResilience(AgentResilience.defaults().withLimits(1000, 0, recheck));
  }

  @BeforeEach
  void startAgent() {
    reviewer =
        AgentServer.start(
            call -> {
              calls.incrementAndGet();
              return AgentResult.success(call.input());
            },
            "reviewer",
            "1.2.0",
            0,
            null);
    String body =
        "{\"name\": \"reviewer\", \"version\": \"1.2.0\", \"url\": \"http://127.0.0.1:"
            + reviewer.port()
            + "\"}";
    assertThat(api.postJson("/api/v1/agents", body).status()).isEqualTo(201);
    assertThat(api.deploy(FLOW).status()).isEqualTo(201);
  }

  @AfterEach
  void stopAgent() {
    reviewer.close();
  }

  @Test
  void a_drained_agent_gets_no_calls_until_undrained_even_across_a_restart() {
    Api.Answer drain = api.post("/api/v1/agents/reviewer/drain");
    assertThat(drain.status()).as(drain.body()).isEqualTo(200);
    assertThat(drain.json().get("drained").asBoolean()).isTrue();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(api.start("review", "{}"));
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ids.stream().allMatch(id -> "drained".equals(reason(id))));
    assertThat(calls).hasValue(0);
    JsonNode shown = api.get("/api/v1/agents/reviewer").json();
    assertThat(shown.get("drained").asBoolean()).isTrue();
    assertThat(shown.at("/versions/0/drained").asBoolean()).isTrue();

    restart();
    assertThat(api.get("/api/v1/agents").json().findValues("drained"))
        .anySatisfy(d -> assertThat(d.asBoolean()).isTrue());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ids.stream().allMatch(id -> "drained".equals(reason(id))));
    assertThat(calls).hasValue(0);

    Api.Answer undrain = api.post("/api/v1/agents/reviewer/undrain");
    assertThat(undrain.status()).isEqualTo(200);
    assertThat(undrain.json().get("drained").asBoolean()).isFalse();
    for (String id : ids) {
      JsonNode done = api.awaitFinished(id);
      assertThat(done.get("status").asText()).isEqualTo("succeeded");
      assertThat(done.at("/nodes/0/attempts").asInt()).isEqualTo(1);
    }
    assertThat(calls).hasValue(3);
  }

  @Test
  void one_version_is_drained_and_undrained_by_its_number() {
    Api.Answer drain = api.post("/api/v1/agents/reviewer/drain?version=1.2.0");
    assertThat(drain.status()).isEqualTo(200);
    assertThat(drain.json().get("version").asText()).isEqualTo("1.2.0");
    JsonNode shown = api.get("/api/v1/agents/reviewer").json();
    assertThat(shown.get("drained").asBoolean()).isFalse();
    assertThat(shown.at("/versions/0/drained").asBoolean()).isTrue();
    String id = api.start("review", "{}");
    await().atMost(Duration.ofSeconds(20)).until(() -> "drained".equals(reason(id)));

    assertThat(api.post("/api/v1/agents/reviewer/undrain?version=1.2.0").status()).isEqualTo(200);

    assertThat(api.awaitFinished(id).get("status").asText()).isEqualTo("succeeded");
    assertThat(api.post("/api/v1/agents/reviewer/drain?version=9.9.9").status()).isEqualTo(404);
    assertThat(api.post("/api/v1/agents/nobody/drain").status()).isEqualTo(404);
    assertThat(api.post("/api/v1/agents/reviewer/drain?colour=red").status()).isEqualTo(400);
  }

  @Test
  void undraining_delivers_the_waiting_nodes_at_once_not_at_their_next_look() {
    restartWithRecheck(Duration.ofSeconds(60));
    assertThat(api.post("/api/v1/agents/reviewer/drain").status()).isEqualTo(200);
    String id = api.start("review", "{}");
    await().atMost(Duration.ofSeconds(20)).until(() -> "drained".equals(reason(id)));

    assertThat(api.post("/api/v1/agents/reviewer/undrain").status()).isEqualTo(200);

    // awaitFinished gives up after 20 s, long before the minute to the next look
    assertThat(api.awaitFinished(id).get("status").asText()).isEqualTo("succeeded");
    assertThat(calls).hasValue(1);
  }

  private void restartWithRecheck(Duration recheck) {
    this.recheck = recheck;
    restart();
  }

  private String reason(String id) {
    return api.get("/api/v1/executions/" + id).json().at("/nodes/0/waiting/reason").asText(null);
  }
}
