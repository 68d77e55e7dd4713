package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agent.AgentResult;
import io.aispine.agents.serve.AgentServer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default 50 calls a minute of an agent, on a fake clock: calls beyond it wait (scheduled, not
 * failed) until the next minute, also across a restart of the server on the same store.
 */
class AgentRateLimitTest extends ServerTestBase {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final String FLOW =
      """
      id: metered
      version: 1.0.0
      nodes:
        - id: call
          agent: counter@^1
          with: {n: 1}
      """;

  private final FakeClock clock = new FakeClock(T0);
  private final Queue<Instant> calls = new ConcurrentLinkedQueue<>();
  private AgentServer counter;

  @Override
  protected InstantSource clock() {
    return clock;
  }

  @BeforeEach
  void startAgent() {
    counter =
        AgentServer.start(
            call -> {
              calls.add(clock.instant());
              return AgentResult.success(call.input());
            },
            "counter",
            "1.0.0",
            0,
            null);
    String body =
        "{\"name\": \"counter\", \"version\": \"1.0.0\", \"url\": \"http://127.0.0.1:"
            + counter.port()
            + "\"}";
    assertThat(api.postJson("/api/v1/agents", body).status()).isEqualTo(201);
    assertThat(api.deploy(FLOW).status()).isEqualTo(201);
  }

  @AfterEach
  void stopAgent() {
    counter.close();
  }

  @Test
  void sixty_calls_against_fifty_a_minute_make_fifty_now_and_the_rest_in_the_next_minute() {
    List<String> ids = start(60);

    await().atMost(Duration.ofSeconds(30)).until(() -> waiting(ids).size() == 10);
    assertThat(calls).hasSize(50);
    JsonNode held = node(waiting(ids).getFirst());
    assertThat(held.get("status").asText()).isEqualTo("scheduled");
    assertThat(held.at("/waiting/reason").asText()).isEqualTo("rate_limited");
    assertThat(held.at("/waiting/until").asText()).isEqualTo("2030-01-01T00:01:00Z");
    assertThat(api.get("/metrics").body())
        .contains("aispine_nodes_waiting{reason=\"rate_limited\"} 10.0")
        .containsPattern("aispine_node_deferrals_total\\{reason=\"rate_limited\"} [1-9]");
    JsonNode limits = api.get("/api/v1/agents/counter/limits").json();
    assertThat(limits.get("rate_per_minute").asInt()).isEqualTo(50);
    assertThat(limits.at("/source/rate_per_minute").asText()).isEqualTo("default");
    assertThat(limits.get("remaining_this_minute").asInt()).isZero();

    clock.advance(Duration.ofSeconds(60));

    for (String id : ids) {
      JsonNode done = api.awaitFinished(id);
      assertThat(done.get("status").asText()).isEqualTo("succeeded");
      assertThat(done.at("/nodes/0/attempts").asInt()).isEqualTo(1);
    }
    assertThat(calls).hasSize(60);
    assertThat(calls.stream().filter(t -> t.isBefore(T0.plusSeconds(60)))).hasSize(50);
  }

  @Test
  void a_restart_does_not_grant_a_fresh_minute_of_calls() {
    for (String id : start(50)) {
      assertThat(api.awaitFinished(id).get("status").asText()).isEqualTo("succeeded");
    }
    clock.advance(Duration.ofSeconds(10));

    restart();
    List<String> later = start(5);

    await().atMost(Duration.ofSeconds(30)).until(() -> waiting(later).size() == 5);
    assertThat(calls).hasSize(50);
    Instant until = Instant.parse(node(later.getFirst()).at("/waiting/until").asText());
    assertThat(until).isAfterOrEqualTo(T0.plusSeconds(60));

    clock.advance(Duration.ofSeconds(60));
    for (String id : later) {
      assertThat(api.awaitFinished(id).get("status").asText()).isEqualTo("succeeded");
    }
    assertThat(calls).hasSize(55);
    assertThat(calls.stream().filter(t -> t.isBefore(T0.plusSeconds(60)))).hasSize(50);
  }

  @Test
  void a_lower_limit_set_through_the_api_holds_calls_back_sooner() {
    Api.Answer set = api.putJson("/api/v1/agents/counter/limits", "{\"rate_per_minute\": 3}");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().get("rate_per_minute").asInt()).isEqualTo(3);
    assertThat(set.json().at("/source/rate_per_minute").asText()).isEqualTo("override");

    List<String> ids = start(5);

    await().atMost(Duration.ofSeconds(30)).until(() -> waiting(ids).size() == 2);
    assertThat(calls).hasSize(3);
    restart();
    assertThat(api.get("/api/v1/agents/counter").json().at("/limits/rate_per_minute").asInt())
        .as("the override outlives a restart")
        .isEqualTo(3);
    clock.advance(Duration.ofSeconds(60));
    for (String id : ids) {
      assertThat(api.awaitFinished(id).get("status").asText()).isEqualTo("succeeded");
    }
    assertThat(calls).hasSize(5);
  }

  @Test
  void a_node_held_back_by_its_agent_s_rate_waits_rather_than_going_to_its_fallback() {
    assertThat(
            api.deploy(
                    """
                    id: backed
                    version: 1.0.0
                    nodes:
                      - id: call
                        agent: counter@^1
                        fallback: echo
                        with: {n: 1}
                    """)
                .status())
        .isEqualTo(201);
    api.putJson("/api/v1/agents/counter/limits", "{\"rate_per_minute\": 2}");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(api.start("backed", "{}"));
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> waiting(ids).size() == 2);
    assertThat(calls).hasSize(2);
    assertThat(api.get("/api/v1/agents/echo/calls").json().get("items")).isEmpty();

    clock.advance(Duration.ofSeconds(60));
    for (String id : ids) {
      assertThat(api.awaitFinished(id).get("status").asText()).isEqualTo("succeeded");
    }
    assertThat(calls).hasSize(4);
  }

  private List<String> start(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(api.start("metered", "{}"));
    }
    return ids;
  }

  private List<String> waiting(List<String> ids) {
    return ids.stream().filter(id -> node(id).has("waiting")).toList();
  }

  private JsonNode node(String id) {
    return api.get("/api/v1/executions/" + id).json().at("/nodes/0");
  }
}
