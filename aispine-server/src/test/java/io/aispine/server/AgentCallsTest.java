package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** An agent's recent calls over HTTP, newest first, and the checks of the limits route. */
class AgentCallsTest extends ServerTestBase {

  private static final String BROKEN =
      """
      id: broken
      version: 1.0.0
      nodes:
        - id: boom
          agent: fail
          with: {code: BAD_INPUT, message: no such guest, times: 5, retryable: false}
      """;

  @Test
  void lists_the_newest_calls_of_an_agent_with_status_latency_and_error() {
    assertThat(api.deploy(HELLO).status()).isEqualTo(201);
    assertThat(api.deploy(BROKEN).status()).isEqualTo(201);
    String first = api.start("hello", "{\"name\": \"Ada\"}");
    api.awaitFinished(first);
    String second = api.start("hello", "{\"name\": \"Alan\"}");
    api.awaitFinished(second);
    String failed = api.start("broken", "{}");
    api.awaitFinished(failed);

    JsonNode echo = api.get("/api/v1/agents/echo/calls").json().get("items");

    assertThat(echo).hasSize(2);
    assertThat(echo.get(0).get("execution").asText()).isEqualTo(second);
    assertThat(echo.get(1).get("execution").asText()).isEqualTo(first);
    JsonNode call = echo.get(0);
    assertThat(call.get("node").asText()).isEqualTo("greet");
    assertThat(call.get("attempt").asInt()).isEqualTo(1);
    assertThat(call.get("status").asText()).isEqualTo("succeeded");
    assertThat(call.get("agent").asText()).isEqualTo("echo@1.0.0"); // the pinned version
    assertThat(call.get("latency_ms").asLong()).isNotNegative();
    assertThat(call.get("started_at").asText()).isNotBlank();
    assertThat(call.get("error").isNull()).isTrue();
    JsonNode fail = api.get("/api/v1/agents/fail/calls?limit=1").json().get("items");
    assertThat(fail)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.get("status").asText()).isEqualTo("failed");
              assertThat(c.at("/error/code").asText()).isEqualTo("BAD_INPUT");
            });
    assertThat(api.get("/api/v1/agents/echo/calls?limit=1").json().get("items")).hasSize(1);
    assertThat(api.get("/api/v1/agents/sleep/calls").json().get("items")).isEmpty();
  }

  @Test
  void rejects_bad_requests_with_a_problem_naming_what_is_wrong() {
    Api.Answer badLimit = api.get("/api/v1/agents/echo/calls?limit=0");
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.contentType()).startsWith("application/problem+json");
    assertThat(api.get("/api/v1/agents/nobody/calls").status()).isEqualTo(404);

    Api.Answer zero = api.putJson("/api/v1/agents/echo/limits", "{\"rate_per_minute\": 0}");
    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.body()).contains("/rate_per_minute");
    Api.Answer unknown = api.putJson("/api/v1/agents/echo/limits", "{\"rate\": 5}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("rate_per_minute");
    Api.Answer text = api.putJson("/api/v1/agents/echo/limits", "{\"max_concurrency\": \"two\"}");
    assertThat(text.status()).isEqualTo(400);
    assertThat(api.putJson("/api/v1/agents/nobody/limits", "{}").status()).isEqualTo(404);

    Api.Answer cleared = api.putJson("/api/v1/agents/echo/limits", "{}");
    assertThat(cleared.status()).isEqualTo(200);
    assertThat(cleared.json().get("max_concurrency").isNull()).isTrue();
    assertThat(cleared.json().at("/source/rate_per_minute").asText()).isEqualTo("default");
    assertThat(cleared.json().get("rate_per_minute").isNull())
        .as("built-ins run in the server: no default rate")
        .isTrue();
  }
}
