package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The gate over real HTTP on SQLite (and, through {@code PostgresFlowGateTest}, on PostgreSQL): a
 * deployed version is a draft that no start, retry or replay runs until it is approved, and panic
 * mode freezes changes and new runs across a restart.
 */
class FlowGateRoutesTest extends ServerTestBase {

  private static final String START = "/api/v1/flows/hello/executions";
  private static final String INPUTS = "{\"inputs\": {\"name\": \"ada\"}}";

  @Test
  void a_deployed_version_is_a_draft_that_runs_only_once_approved() {
    Api.Answer deployed = api.postYaml("/api/v1/flows", HELLO);

    Api.Answer refused = api.postJson(START, INPUTS);
    Api.Answer approved = api.post("/api/v1/flows/hello/versions/1.0.0/approve");
    Api.Answer started = api.postJson(START, INPUTS);

    assertThat(deployed.status()).isEqualTo(201);
    assertThat(deployed.json().at("/review/status").asText()).isEqualTo("draft");
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("detail").asText())
        .contains("no approved version")
        .contains("aispine flow approve hello@1.0.0");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().at("/review/status").asText()).isEqualTo("approved");
    assertThat(approved.json().at("/diff/against").isNull()).isTrue();
    assertThat(approved.json().at("/diff/added").asInt()).isEqualTo(HELLO.split("\n").length);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
  }

  @Test
  void a_rejected_version_refuses_starts_retries_and_replays_of_its_executions() {
    api.deploy(HELLO);
    String id = api.start("hello", "{\"name\": \"ada\"}");
    api.awaitFinished(id);

    Api.Answer rejected =
        api.postJson(
            "/api/v1/flows/hello/versions/1.0.0/reject", "{\"reason\": \"leaks the name\"}");
    Api.Answer start =
        api.postJson(START, "{\"version\": \"1.0.0\", \"inputs\": {\"name\": \"x\"}}");
    Api.Answer replay =
        api.postJson("/api/v1/executions/" + id + "/replay", "{\"from\": \"greet\"}");

    assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
    assertThat(rejected.json().at("/review/reason").asText()).isEqualTo("leaks the name");
    for (Api.Answer refused : new Api.Answer[] {start, replay}) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(409);
      assertThat(refused.json().get("type").asText())
          .isEqualTo("urn:aispine:problem:flow-not-approved");
      assertThat(refused.json().get("detail").asText()).contains("rejected (leaks the name)");
    }
  }

  @Test
  void panic_mode_refuses_changes_and_runs_but_not_reads_and_survives_a_restart() {
    api.deploy(HELLO);

    Api.Answer on = api.putJson("/api/v1/panic", "{\"on\": true, \"reason\": \"INC-1\"}");
    restart();
    Api.Answer start = api.postJson(START, INPUTS);
    Api.Answer deploy = api.postYaml("/api/v1/flows", HELLO.replace("1.0.0", "1.0.1"));
    JsonNode status = api.get("/api/v1/panic").json();
    Api.Answer read = api.get("/api/v1/flows/hello");
    Api.Answer off = api.putJson("/api/v1/panic", "{\"on\": false}");
    Api.Answer after = api.postJson(START, INPUTS);

    assertThat(on.status()).as(on.body()).isEqualTo(200);
    assertThat(start.status()).isEqualTo(423);
    assertThat(deploy.status()).isEqualTo(423);
    assertThat(deploy.json().get("detail").asText()).contains("INC-1").contains("panic off");
    assertThat(status.get("on").asBoolean()).isTrue();
    assertThat(status.get("reason").asText()).isEqualTo("INC-1");
    assertThat(read.status()).isEqualTo(200);
    assertThat(off.status()).isEqualTo(200);
    assertThat(after.status()).as(after.body()).isEqualTo(202);
  }

  @Test
  void a_panic_switch_without_on_is_a_400_not_a_silent_off() {
    Api.Answer answer = api.putJson("/api/v1/panic", "{}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("detail").asText()).contains("/on is required");
  }
}
