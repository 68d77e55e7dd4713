package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workspaces, their keys and quotas over real HTTP, on a clock the test moves. */
class WorkspaceQuotaTest extends ServerTestBase {

  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-07T10:00:00Z"));
  private Api tiny;

  @Override
  protected InstantSource clock() {
    return clock;
  }

  @BeforeEach
  void tinyWorkspace() {
    assertThat(
            api.postJson("/api/v1/workspaces", "{\"id\": \"tiny\", \"plan\": \"free\"}").status())
        .isEqualTo(201);
    tiny = new Api(server.port(), key(api, "admin", "tiny"));
  }

  @Test
  void api_calls_over_the_rate_answer_429_naming_the_quota_with_rate_limit_headers() {
    quota("{\"plan\": \"free\", \"api_calls_per_minute\": 3}");
    for (int i = 0; i < 3; i++) {
      Api.Answer ok = tiny.get("/api/v1/workspace");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.header("RateLimit-Limit")).isEqualTo("3");
      assertThat(ok.header("RateLimit-Remaining")).isEqualTo(Integer.toString(2 - i));
    }
    Api.Answer limited = tiny.get("/api/v1/workspace");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.contentType()).startsWith("application/problem+json");
    JsonNode problem = limited.json();
    assertThat(problem.get("title").asText()).isEqualTo("Quota api_calls_per_minute exceeded");
    assertThat(problem.get("detail").asText()).contains("'tiny' is 3", "resets at");
    assertThat(limited.header("Retry-After")).isNotNull();
    assertThat(Long.parseLong(limited.header("RateLimit-Reset"))).isBetween(1L, 61L);
    assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");

    clock.advance(Duration.ofSeconds(61));
    assertThat(tiny.get("/api/v1/workspace").status()).isEqualTo(200);
    // the default workspace is unlimited: no rate headers at all
    assertThat(api.get("/api/v1/workspace").header("RateLimit-Limit")).isNull();
  }

  @Test
  void an_execution_over_the_monthly_quota_answers_403_and_creates_nothing() {
    quota("{\"plan\": \"free\", \"executions_per_month\": 1}");
    assertThat(tiny.deploy(HELLO).status()).isEqualTo(201);
    tiny.start("hello", "{\"name\": \"Ada\"}");
    Api.Answer refused =
        tiny.postJson("/api/v1/flows/hello/executions", "{\"inputs\": {\"name\": \"Bob\"}}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("type").asText()).endsWith("quota-exceeded");
    assertThat(refused.json().get("title").asText())
        .isEqualTo("Quota executions_per_month exceeded");
    assertThat(refused.json().get("detail").asText()).contains("resets at 2027-01-01T00:00:00Z");
    assertThat(refused.header("Retry-After")).isNotNull();
    assertThat(tiny.get("/api/v1/executions").json().get("items")).hasSize(1);
    JsonNode month = tiny.get("/api/v1/workspace").json().get("quotas").get(1);
    assertThat(month.get("name").asText()).isEqualTo("executions_per_month");
    assertThat(month.get("used").asLong()).isEqualTo(1);
    // next month the quota has room again
    clock.advance(Duration.ofDays(30));
    assertThat(
            tiny.postJson("/api/v1/flows/hello/executions", "{\"inputs\": {\"name\": \"Bob\"}}")
                .status())
        .isEqualTo(202);
  }

  @Test
  void the_free_plan_registers_no_private_agent_and_lists_none() {
    Api.Answer refused =
        tiny.postJson(
            "/api/v1/agents",
            "{\"name\": \"mine\", \"version\": \"1.0.0\", \"url\": \"http://127.0.0.1:1\","
                + " \"description\": \"Mine\"}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("title").asText()).isEqualTo("Quota private_agents exceeded");
    assertThat(refused.json().get("detail").asText()).contains("the plan includes none");
    assertThat(api.get("/api/v1/agents/mine").status()).isEqualTo(404);
  }

  @Test
  void keys_are_shown_once_listed_by_prefix_and_stop_working_when_revoked_or_expired() {
    Api.Answer created =
        tiny.postJson(
            "/api/v1/keys",
            "{\"name\": \"ci\", \"role\": \"viewer\", \"expires_at\": \"2026-12-08T10:00:00Z\"}");
    assertThat(created.status()).isEqualTo(201);
    String text = created.json().get("key").asText();
    String id = created.json().get("id").asText();
    assertThat(text).startsWith("ask_").startsWith(created.json().get("prefix").asText());
    var viewer = new Api(server.port(), text);
    assertThat(viewer.get("/api/v1/executions").status()).isEqualTo(200);
    assertThat(viewer.deploy(HELLO).status()).isEqualTo(403);
    JsonNode listed = tiny.get("/api/v1/keys").json().get("items");
    assertThat(listed.toString()).doesNotContain(text);
    JsonNode ci = find(listed, id);
    assertThat(ci.get("last_used_at").asText()).isEqualTo("2026-12-07T10:00:00Z");
    assertThat(ci.get("prefix").asText()).hasSize(12);

    clock.advance(Duration.ofDays(1));
    assertThat(viewer.get("/api/v1/executions").status()).as("expired").isEqualTo(401);

    String other = key(tiny, "operator", null);
    var operator = new Api(server.port(), other);
    assertThat(operator.get("/api/v1/executions").status()).isEqualTo(200);
    String otherId = find(tiny.get("/api/v1/keys").json().get("items"), null).get("id").asText();
    assertThat(delete(tiny, "/api/v1/keys/" + otherId)).isEqualTo(204);
    assertThat(operator.get("/api/v1/executions").status()).as("revoked").isEqualTo(401);
    // keys of the default workspace are not the tiny admin's to see or revoke
    assertThat(tiny.get("/api/v1/keys").json().toString())
        .doesNotContain("\"admin\",\"role\":\"owner\"");
  }

  private static JsonNode find(JsonNode items, String id) {
    for (JsonNode item : items) {
      if (id == null
          ? item.get("name").asText().equals("operator")
          : item.get("id").asText().equals(id)) {
        return item;
      }
    }
    throw new AssertionError("no key " + id + " in " + items);
  }

  private void quota(String body) {
    Api.Answer changed = api.putJson("/api/v1/workspaces/tiny/quota", body);
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
  }

  private String key(Api as, String role, String workspace) {
    Api.Answer created =
        as.postJson(
            "/api/v1/keys",
            "{\"name\": \""
                + role
                + "\", \"role\": \""
                + role
                + "\""
                + (workspace == null ? "" : ", \"workspace\": \"" + workspace + "\"")
                + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("key").asText();
  }

  private static int delete(Api as, String path) {
    return Api.send(as.request(path).DELETE().build()).status();
  }
}
