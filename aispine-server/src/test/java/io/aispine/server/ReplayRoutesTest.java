package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/executions/{id}/replay} over real HTTP. */
class ReplayRoutesTest extends ServerTestBase {

  private static final String CHAIN =
      """
      id: chain
      version: 1.0.0
      inputs:
        name: {type: string, required: true}
      nodes:
        - {id: a, agent: echo, with: {v: "${inputs.name}"}}
        - {id: b, agent: echo, needs: a, with: {v: "${nodes.a.output.v}-b"}}
        - {id: c, agent: echo, needs: b, with: {v: "${nodes.b.output.v}-c"}}
        - {id: d, agent: echo, needs: c, with: {v: "${nodes.c.output.v}-d"}}
      outputs:
        v: "${nodes.d.output.v}"
      """;

  private String finishedChain() {
    api.deploy(CHAIN);
    String id = api.start("chain", "{\"name\": \"ada\"}");
    assertThat(api.awaitFinished(id).get("status").asText()).isEqualTo("succeeded");
    return id;
  }

  private Api.Answer replay(String id, String body) {
    return api.postJson("/api/v1/executions/" + id + "/replay", body);
  }

  @Test
  void replays_from_a_middle_node_as_a_new_linked_execution_reusing_what_came_before() {
    String origin = finishedChain();

    Api.Answer answer =
        replay(origin, "{\"from\": \"c\", \"outputs\": {\"b\": {\"v\": \"grace-b\"}}}");

    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    String id = answer.json().get("id").asText();
    assertThat(id).startsWith("ex_").isNotEqualTo(origin);
    assertThat(answer.header("Location")).isEqualTo("/api/v1/executions/" + id);
    assertThat(answer.json().at("/replay_of/execution").asText()).isEqualTo(origin);
    assertThat(answer.json().at("/replay_of/from").asText()).isEqualTo("c");
    JsonNode done = api.awaitFinished(id);
    assertThat(done.get("status").asText()).isEqualTo("succeeded");
    assertThat(done.at("/outputs/v").asText()).isEqualTo("grace-b-c-d");
    assertThat(done.at("/replay_of/reused").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(done.at("/replay_of/overridden").toString()).isEqualTo("[\"b\"]");
    for (JsonNode node : done.get("nodes")) {
      String path = node.get("path").asText();
      boolean reused = List.of("a", "b").contains(path);
      assertThat(node.path("reused").asBoolean(false)).as(path).isEqualTo(reused);
      // a reused node was not called: no attempt of its own in the replay
      assertThat(node.get("runs")).as(path).hasSize(reused ? 0 : 1);
      if (!reused) {
        assertThat(node.at("/runs/0/idempotency_key").asText()).isEqualTo(id + "/" + path + "/1");
      }
    }
    List<String> history =
        api.get("/api/v1/executions/" + id + "/events")
            .json()
            .get("items")
            .findValuesAsText("type");
    assertThat(history.subList(0, 3))
        .containsExactly("execution.started", "node.reused", "node.reused");
    assertThat(api.get("/api/v1/executions/" + origin).json().get("replay_of").isNull()).isTrue();
    JsonNode listed = api.get("/api/v1/executions?flow=chain").json().get("items");
    assertThat(listed.get(0).at("/replay_of/execution").asText()).isEqualTo(origin);
    JsonNode replays = api.get("/api/v1/executions?replay_of=" + origin).json().get("items");
    assertThat(replays.findValuesAsText("id")).containsExactly(id);
    assertThat(api.get("/api/v1/executions?replay_of=" + id).json().get("items")).isEmpty();
  }

  @Test
  void merges_input_overrides_and_replays_from_the_top_level_node_of_an_instance_path() {
    String origin = finishedChain();

    Api.Answer answer = replay(origin, "{\"from\": \"a/2/x\", \"inputs\": {\"name\": \"bo\"}}");

    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    assertThat(answer.json().at("/replay_of/from").asText()).isEqualTo("a");
    JsonNode done = api.awaitFinished(answer.json().get("id").asText());
    assertThat(done.at("/outputs/v").asText()).isEqualTo("bo-b-c-d");
    assertThat(done.at("/inputs/name").asText()).isEqualTo("bo");
  }

  @Test
  void rejects_a_bad_replay_request_with_a_problem_naming_the_field() {
    String origin = finishedChain();

    Api.Answer missing = replay(origin, "{}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.contentType()).startsWith("application/problem+json");
    assertThat(missing.json().at("/errors/0/pointer").asText()).isEqualTo("/from");

    Api.Answer unknownNode = replay(origin, "{\"from\": \"cc\"}");
    assertThat(unknownNode.status()).isEqualTo(400);
    assertThat(unknownNode.json().get("detail").asText())
        .contains("has no node 'cc' (did you mean 'c'?)");
    assertThat(unknownNode.json().at("/errors/0/pointer").asText()).isEqualTo("/from");

    Api.Answer downstream = replay(origin, "{\"from\": \"c\", \"outputs\": {\"d\": 1}}");
    assertThat(downstream.status()).isEqualTo(400);
    assertThat(downstream.json().at("/errors/0/pointer").asText()).isEqualTo("/outputs/d");
    assertThat(downstream.json().get("detail").asText()).contains("runs again in this replay");

    Api.Answer unknownField = replay(origin, "{\"from\": \"c\", \"output\": {}}");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.json().get("detail").asText()).contains("unknown field 'output'");

    Api.Answer wrongType = replay(origin, "{\"from\": [\"c\"]}");
    assertThat(wrongType.status()).isEqualTo(400);

    Api.Answer badInput = replay(origin, "{\"from\": \"c\", \"inputs\": {\"name\": 5}}");
    assertThat(badInput.status()).isEqualTo(422);
    assertThat(badInput.json().at("/errors/0/pointer").asText()).isEqualTo("/inputs/name");

    assertThat(replay("ex_nope", "{\"from\": \"c\"}").status()).isEqualTo(404);
  }

  @Test
  void refuses_to_replay_a_running_execution_with_409() {
    api.deploy(SLOW);
    String slow = api.start("slow", "{}");
    org.awaitility.Awaitility.await()
        .until(
            () -> api.get("/api/v1/executions/" + slow).json().at("/nodes/0/status").asText(),
            "succeeded"::equals);

    Api.Answer answer = replay(slow, "{\"from\": \"nap\"}");

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.json().get("detail").asText()).contains("still running");
    api.post("/api/v1/executions/" + slow + "/cancel");
    assertThat(api.awaitFinished(slow).get("status").asText()).isEqualTo("cancelled");
    // once cancelled it can be replayed: first's result is reused, nap runs again
    Api.Answer again = replay(slow, "{\"from\": \"nap\"}");
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().at("/replay_of/reused").toString()).isEqualTo("[\"first\"]");
    api.post("/api/v1/executions/" + again.json().get("id").asText() + "/cancel");
  }
}
