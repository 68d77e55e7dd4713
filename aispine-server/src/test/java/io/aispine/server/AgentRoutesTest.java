package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agent.BuiltinAgents;
import io.aispine.agents.serve.AgentServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentRoutesTest extends ServerTestBase {

  private static final String SECRET = "whsec-test-secret-value";

  private AgentServer reviewer;

  @BeforeEach
  void startAgent() {
    // a real agent process-alike: the echo built-in served over the HTTP agent contract, signed
    reviewer =
        AgentServer.start(
            BuiltinAgents.load().resolve("echo").orElseThrow(), "reviewer", "1.2.0", 0, SECRET);
  }

  @AfterEach
  void stopAgent() {
    reviewer.close();
  }

  private String url() {
    return "http://127.0.0.1:" + reviewer.port();
  }

  private Api.Answer register(String version, String url) {
    return api.postJson(
        "/api/v1/agents",
        "{\"name\": \"reviewer\", \"version\": \""
            + version
            + "\", \"url\": \""
            + url
            + "\", \"description\": \"Reviews\", \"secret\": \""
            + SECRET
            + "\"}");
  }

  @Test
  void registers_an_http_agent_without_ever_returning_its_secret() {
    Api.Answer created = register("1.2.0", url());

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("kind").asText()).isEqualTo("http");
    assertThat(created.json().at("/versions/0/url").asText()).isEqualTo(url());
    assertThat(register("1.2.0", url()).status()).isEqualTo(200);
    Api.Answer conflict = register("1.2.0", "http://127.0.0.1:1");
    assertThat(conflict.status()).isEqualTo(409);

    for (Api.Answer answer :
        new Api.Answer[] {
          created, conflict, api.get("/api/v1/agents"), api.get("/api/v1/agents/reviewer")
        }) {
      assertThat(answer.body()).doesNotContain(SECRET);
    }
    JsonNode all = api.get("/api/v1/agents").json().get("items");
    assertThat(all.findValuesAsText("name")).contains("echo", "sleep", "reviewer");
    assertThat(api.get("/api/v1/agents/echo").json().get("kind").asText()).isEqualTo("builtin");
    assertThat(api.get("/api/v1/agents/nobody").status()).isEqualTo(404);
  }

  @Test
  void rejects_bad_registrations_naming_the_field() {
    assertThat(
            field(
                api.postJson("/api/v1/agents", "{\"version\": \"1.0.0\", \"url\": \"http://x\"}")))
        .isEqualTo("/name");
    assertThat(
            field(
                api.postJson(
                    "/api/v1/agents",
                    "{\"name\": \"a\", \"version\": \"one\", \"url\": \"http://x\"}")))
        .isEqualTo("/version");
    assertThat(
            field(
                api.postJson(
                    "/api/v1/agents",
                    "{\"name\": \"a\", \"version\": \"1.0.0\", \"url\": \"ftp://x\"}")))
        .isEqualTo("/url");
    assertThat(
            field(
                api.postJson(
                    "/api/v1/agents",
                    "{\"name\": \"a\", \"version\": \"1.0.0\", \"url\": \"http://x\", \"colour\": 1}")))
        .isEqualTo("/colour");
    Api.Answer builtin =
        api.postJson(
            "/api/v1/agents",
            "{\"name\": \"echo\", \"version\": \"1.0.0\", \"url\": \"http://x\"}");
    assertThat(builtin.status()).isEqualTo(409);
  }

  @Test
  void checks_the_health_of_a_registered_agent_now() {
    register("1.2.0", url());

    JsonNode up = api.post("/api/v1/agents/reviewer/health-check").json();
    assertThat(up.get("status").asText()).isEqualTo("ok");
    assertThat(up.get("latency_ms").isNumber()).isTrue();
    assertThat(up.has("error")).isFalse();
    assertThat(up.at("/health/state").asText()).isEqualTo("healthy");
    assertThat(up.at("/circuit/state").asText()).isEqualTo("closed");
    assertThat(api.get("/api/v1/agents/reviewer").json().at("/versions/0/health/state").asText())
        .isEqualTo("healthy");

    reviewer.close();
    JsonNode down = api.post("/api/v1/agents/reviewer/health-check").json();
    assertThat(down.get("status").asText()).isEqualTo("down");
    assertThat(down.get("error").asText()).isNotBlank();
    assertThat(down.at("/health/state").asText()).isEqualTo("down");
    assertThat(down.at("/health/last_error").asText()).isEqualTo(down.get("error").asText());
    assertThat(api.get("/api/v1/agents/echo").json().at("/versions/0/circuit/state").asText())
        .isEqualTo("closed");
    assertThat(api.post("/api/v1/agents/nobody/health-check").status()).isEqualTo(404);
  }

  @Test
  void runs_a_flow_that_calls_a_registered_http_agent_by_range() {
    register("1.2.0", url());
    register("2.0.0", "http://127.0.0.1:1"); // outside the range below: never called
    String flow =
        """
        id: review
        version: 1.0.0
        nodes:
          - id: check
            agent: reviewer@^1.1
            with: {document: passport}
        outputs:
          document: "${nodes.check.output.document}"
        """;
    assertThat(api.deploy(flow).status()).isEqualTo(201);

    String id = api.start("review", "{}");
    JsonNode done = api.awaitFinished(id);

    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.at("/outputs/document").asText()).isEqualTo("passport");
    // the run names the exact version the reference was pinned to when the execution started
    assertThat(done.at("/nodes/0/runs/0/agent").asText()).isEqualTo("reviewer@1.2.0");
    assertThat(done.at("/agents/reviewer@^1.1").asText()).isEqualTo("reviewer@1.2.0");
  }

  private static String field(Api.Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    return answer.json().at("/errors/0/pointer").asText();
  }
}
