package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentResult;
import io.aispine.agents.runtime.AgentResilience;
import io.aispine.agents.serve.AgentServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrency limits with many executions in flight, measured by the agent itself: the calls an
 * agent has in flight, and the executions of a flow that are between their first call and the end
 * of their last.
 */
class AgentConcurrencyTest extends ServerTestBase {

  private static final String PAIR =
      """
      id: pair
      version: 1.0.0
      concurrency: {max_running: 3}
      nodes:
        - id: first
          agent: worker@^1
          with: {step: 1}
        - id: second
          agent: worker@^1
          needs: [first]
          with: {step: 2}
      """;

  private static final String FAN =
      """
      id: fan
      version: 1.0.0
      nodes:
        - id: a
          agent: worker@^1
          with: {n: a}
        - id: b
          agent: worker@^1
          with: {n: b}
        - id: c
          agent: worker@^1
          with: {n: c}
      """;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  // executions of the limited flow that started their first call and did not finish their last
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final AtomicInteger maxRunning = new AtomicInteger();
  private final List<String> firstCalls = new CopyOnWriteArrayList<>();
  private AgentServer worker;

  @Override
  protected ServerConfig config() {
    return super.config()
        .withResilience(AgentResilience.defaults().withLimits(100_000, 0, Duration.ofMillis(50)));
  }

  @BeforeEach
  void startAgent() {
    worker = AgentServer.start(this::work, "worker", "1.0.0", 0, null);
    String body =
        "{\"name\": \"worker\", \"version\": \"1.0.0\", \"url\": \"http://127.0.0.1:"
            + worker.port()
            + "\"}";
    assertThat(api.postJson("/api/v1/agents", body).status()).isEqualTo(201);
  }

  @AfterEach
  void stopAgent() {
    worker.close();
  }

  @Test
  void a_flow_runs_at_most_max_running_executions_at_once_oldest_first() {
    assertThat(api.deploy(PAIR).status()).isEqualTo(201);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ids.add(api.start("pair", "{}"));
    }

    for (String id : ids) {
      assertThat(api.awaitFinished(id).get("status").asText()).isEqualTo("succeeded");
    }

    assertThat(maxRunning.get()).isBetween(1, 3);
    assertThat(firstCalls).hasSize(30).containsExactlyInAnyOrderElementsOf(ids);
    for (int i = 0; i < ids.size(); i++) {
      // an execution is let in only while fewer than 3 older ones are unfinished
      assertThat(Math.abs(firstCalls.indexOf(ids.get(i)) - i)).as("place of %s", i).isLessThan(3);
    }
    assertThat(api.get("/metrics").body())
        .containsPattern("aispine_node_deferrals_total\\{reason=\"flow_concurrency\"} [1-9]");
  }

  @Test
  void an_agent_has_at_most_its_max_concurrency_calls_in_flight() {
    Api.Answer set = api.putJson("/api/v1/agents/worker/limits", "{\"max_concurrency\": 2}");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().get("max_concurrency").asInt()).isEqualTo(2);
    assertThat(api.deploy(FAN).status()).isEqualTo(201);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(api.start("fan", "{}"));
    }

    for (String id : ids) {
      var done = api.awaitFinished(id);
      assertThat(done.get("status").asText()).isEqualTo("succeeded");
      done.get("nodes").forEach(n -> assertThat(n.get("attempts").asInt()).isEqualTo(1));
    }

    assertThat(maxInFlight.get()).isBetween(1, 2);
    assertThat(api.get("/metrics").body())
        .containsPattern("aispine_node_deferrals_total\\{reason=\"agent_concurrency\"} [1-9]");
  }

  private AgentResult work(AgentCall call) throws InterruptedException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    boolean limitedFlow = call.nodePath().equals("first") || call.nodePath().equals("second");
    if (limitedFlow && call.nodePath().equals("first")) {
      running.add(call.executionId());
      firstCalls.add(call.executionId());
      maxRunning.accumulateAndGet(running.size(), Math::max);
    }
    try {
      Thread.sleep(20); // the work the call stands for, so that calls overlap
      return AgentResult.success(call.input());
    } finally {
      inFlight.decrementAndGet();
      if (call.nodePath().equals("second")) {
        running.remove(call.executionId());
      }
    }
  }
}
