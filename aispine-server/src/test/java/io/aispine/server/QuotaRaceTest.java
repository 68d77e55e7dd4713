package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.agent.BuiltinAgents;
import io.aispine.agents.serve.AgentServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests that race for a workspace's last quota slot, released together: exactly as many as the
 * quota admits get through, however they interleave (the check and the create are one step).
 */
class QuotaRaceTest extends ServerTestBase {

  private static final int RACERS = 16;

  private Api tight;
  private AgentServer agentServer;

  @BeforeEach
  void tightWorkspace() {
    assertThat(
            api.postJson("/api/v1/workspaces", "{\"id\": \"tight\", \"plan\": \"startup\"}")
                .status())
        .isEqualTo(201);
    Api.Answer key =
        api.postJson(
            "/api/v1/keys", "{\"name\": \"admin\", \"role\": \"admin\", \"workspace\": \"tight\"}");
    tight = new Api(server.port(), key.json().get("key").asText());
    agentServer =
        AgentServer.start(
            BuiltinAgents.load().resolve("echo").orElseThrow(), "racer", "1.0.0", 0, "s3cret");
  }

  @AfterEach
  void stopAgent() {
    agentServer.close();
  }

  @Test
  void concurrent_starts_never_run_more_executions_at_once_than_the_quota() throws Exception {
    Api.Answer quota =
        api.putJson(
            "/api/v1/workspaces/tight/quota", "{\"plan\": \"startup\", \"executions_running\": 2}");
    assertThat(quota.status()).as(quota.body()).isEqualTo(200);
    assertThat(tight.deploy(SLOW).status()).isEqualTo(201);

    List<Integer> statuses =
        race(i -> tight.postJson("/api/v1/flows/slow/executions", "{}").status());

    assertThat(statuses.stream().filter(s -> s == 202).count())
        .as(statuses.toString())
        .isEqualTo(2);
    assertThat(statuses.stream().filter(s -> s == 403).count()).isEqualTo(RACERS - 2);
    assertThat(tight.get("/api/v1/executions").json().get("items")).hasSize(2);
  }

  @Test
  void concurrent_registrations_never_hold_more_private_agents_than_the_quota() throws Exception {
    // the startup plan includes three private agents
    List<Integer> statuses =
        race(
            i ->
                tight
                    .postJson(
                        "/api/v1/agents",
                        "{\"name\": \"racer-"
                            + i
                            + "\", \"version\": \"1.0.0\", \"url\": \"http://127.0.0.1:"
                            + agentServer.port()
                            + "\", \"description\": \"Racer\", \"secret\": \"s3cret\"}")
                    .status());

    assertThat(statuses.stream().filter(s -> s == 201).count())
        .as(statuses.toString())
        .isEqualTo(3);
    assertThat(statuses.stream().filter(s -> s == 403).count()).isEqualTo(RACERS - 3);
    List<String> racers = new ArrayList<>();
    tight
        .get("/api/v1/agents")
        .json()
        .get("items")
        .forEach(a -> racers.add(a.get("name").asText()));
    assertThat(racers.stream().filter(n -> n.startsWith("racer-"))).hasSize(3);
  }

  /** Runs {@link #RACERS} requests released at the same moment; their statuses. */
  private static List<Integer> race(IntFunction<Integer> request) throws Exception {
    var go = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(RACERS)) {
      for (int i = 0; i < RACERS; i++) {
        int n = i;
        answers.add(
            threads.submit(
                () -> {
                  go.await();
                  return request.apply(n);
                }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get());
      }
      return statuses;
    }
  }
}
