package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationsTest extends ServerTestBase {

  @Test
  void answers_health_and_readiness() {
    assertThat(api.get("/health").json().get("status").asText()).isEqualTo("ok");
    assertThat(api.get("/ready").json().get("status").asText()).isEqualTo("ready");
  }

  @Test
  void describes_every_registered_route_in_the_openapi_document() {
    JsonNode doc = api.get("/openapi.json").json();

    assertThat(server.routes()).isNotEmpty();
    List<String> missing = new ArrayList<>();
    for (String route : server.routes()) {
      String method = route.substring(0, route.indexOf(' ')).toLowerCase(Locale.ROOT);
      String path = route.substring(route.indexOf(' ') + 1);
      if (!doc.path("paths").path(path).has(method)) {
        missing.add(route);
      }
    }
    assertThat(missing).as("routes missing from /openapi.json").isEmpty();
  }

  @Test
  void serves_a_structurally_valid_openapi_3_1_document() {
    JsonNode doc = api.get("/openapi.json").json();

    assertThat(doc.get("openapi").asText()).startsWith("3.1.");
    assertThat(doc.at("/info/title").isTextual()).isTrue();
    assertThat(doc.at("/info/version").isTextual()).isTrue();
    assertThat(doc.get("paths").isObject()).isTrue();
    doc.get("paths")
        .properties()
        .forEach(
            path -> {
              assertThat(path.getKey()).startsWith("/");
              path.getValue()
                  .properties()
                  .forEach(
                      op -> {
                        assertThat(op.getKey()).isIn("get", "post", "put", "patch", "delete");
                        JsonNode responses = op.getValue().get("responses");
                        assertThat(responses).as(path.getKey() + " " + op.getKey()).isNotEmpty();
                        responses.properties().forEach(r -> assertRef(doc, r.getValue()));
                        // every {param} in the path is declared as a path parameter
                        var params = op.getValue().path("parameters").findValuesAsText("name");
                        for (String segment : path.getKey().split("/")) {
                          if (segment.startsWith("{")) {
                            assertThat(params).contains(segment.substring(1, segment.length() - 1));
                          }
                        }
                      });
            });
    assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
  }

  @Test
  void exposes_the_documented_metrics_in_prometheus_format() {
    api.deploy(HELLO);
    api.awaitFinished(api.start("hello", "{\"name\": \"a\"}"));

    Api.Answer metrics = api.get("/metrics");

    assertThat(metrics.contentType()).startsWith("text/plain");
    assertThat(metrics.body())
        .contains("aispine_executions_started_total 1.0")
        .contains("aispine_executions_finished_total{status=\"succeeded\"} 1.0")
        .contains("aispine_node_duration_seconds_bucket{agent=\"echo\"")
        .contains("aispine_queue_depth")
        .contains("aispine_workers_busy");
  }

  @Test
  void answers_problems_for_unknown_routes_and_methods() {
    Api.Answer unknown = api.get("/api/v1/nothing-here");
    Api.Answer wrongMethod = Api.send(api.request("/api/v1/flows").DELETE().build());

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.json().get("type").asText())
        .isEqualTo("urn:aispine:problem:method-not-allowed");
  }

  @Test
  void answers_a_problem_for_a_path_jetty_refuses_whatever_the_method() {
    // found by BadInputProperties: Jetty wrote an empty 400 for methods other than GET/POST/HEAD
    for (String method : List.of("GET", "POST", "DELETE", "PUT")) {
      Api.Answer answer =
          Api.send(
              api.request("/api/v1/flows/z%C3%28")
                  .method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
                  .build());
      assertThat(answer.status()).as(method).isEqualTo(400);
      assertThat(answer.contentType()).as(method).startsWith("application/problem+json");
    }
  }

  @Test
  void answers_jetty_s_own_refusals_with_a_problem_of_the_same_status() throws Exception {
    // found by fuzzing: "GET / HTTP/9.9" answered 505 with a body saying 500 internal-error
    List<Map.Entry<String, Integer>> refusals =
        List.of(
            Map.entry("GET / HTTP/9.9\r\nHost: x\r\n\r\n", 505),
            Map.entry("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414),
            Map.entry(
                "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n", 431),
            Map.entry("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400));
    for (var refusal : refusals) {
      RawAnswer answer = RawAnswer.send(server.port(), refusal.getKey());
      String what = refusal.getKey().substring(0, Math.min(30, refusal.getKey().length()));

      assertThat(answer.status()).as(what).isEqualTo(refusal.getValue());
      assertThat(answer.header("content-type")).as(what).startsWith("application/problem+json");
      JsonNode problem = Api.JSON.readTree(answer.body());
      assertThat(problem.get("status").asInt()).as(answer.body()).isEqualTo(answer.status());
      assertThat(problem.get("type").asText())
          .as(answer.body())
          .startsWith("urn:aispine:problem:")
          .isNotEqualTo("urn:aispine:problem:internal-error");
      assertThat(problem.path("instance").asText()).isNotEqualTo("/badMessage");
    }
  }

  @Test
  void says_it_closes_the_connection_after_a_request_it_could_not_parse() throws Exception {
    // found by fuzzing: after a 400 for a NUL in the path Jetty closed the connection without
    // saying so, and the client's next request on it failed with no answer at all
    RawAnswer answer =
        RawAnswer.send(server.port(), "GET /api/v1/flows/z%00 HTTP/1.1\r\nHost: x\r\n\r\n");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("connection")).isEqualTo("close");
  }

  @Test
  void shuts_down_gracefully_ending_streams_and_keeping_running_work() throws Exception {
    api.deploy(StreamTest.STEPS);
    String id = api.start("steps", "{}");
    try (var stream = SseReader.open(api, "/api/v1/events/stream", "0")) {
      stream.next();

      server.close();

      // the stream ends instead of hanging, and the port no longer answers
      while (stream.next() != null) {
        // drain what was sent before the end
      }
    }
    restart();
    assertThat(api.awaitFinished(id).get("status").asText()).isEqualTo("succeeded");
  }

  private static void assertRef(JsonNode doc, JsonNode response) {
    if (response.has("$ref")) {
      String ref = response.get("$ref").asText();
      assertThat(doc.at(ref.substring(1))).as(ref).isNotNull();
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    } else {
      assertThat(response.get("description").isTextual()).isTrue();
    }
  }
}
