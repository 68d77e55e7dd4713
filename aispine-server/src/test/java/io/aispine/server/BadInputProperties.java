package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Throws malformed JSON, YAML, query parameters, path segments and headers at every route with a
 * valid key: the answer is always a 4xx problem+json, never a 5xx, a stack trace or a hang.
 */
class BadInputProperties {

  private static Path dataDir;
  private static AispineServer server;
  private static Api api;
  private static String execution;

  @BeforeContainer
  static void startServer() throws IOException {
    dataDir = Files.createTempDirectory("aispine-fuzz");
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    api = new Api(server.port(), server.adminKeyCreated().orElseThrow());
    api.deploy(ServerTestBase.HELLO);
    execution = api.start("hello", "{\"name\": \"fuzz\"}");
    api.awaitFinished(execution);
  }

  @AfterContainer
  static void stopServer() {
    server.close();
  }

  /** A request meant to be refused. */
  record Bad(String method, String path, String contentType, String body, String lastEventId) {
    @Override
    public String toString() {
      return method
          + " "
          + path
          + " ["
          + contentType
          + "] "
          + (body == null ? "" : body.length() > 60 ? body.substring(0, 60) + "…" : body);
    }
  }

  @Property(tries = 400)
  void every_route_refuses_malformed_input_with_a_4xx_problem(@ForAll("badRequests") Bad bad)
      throws Exception {
    var builder =
        api.request("").uri(URI.create(api.base() + bad.path())).timeout(Duration.ofSeconds(5));
    if (bad.lastEventId() != null) {
      builder.header("Last-Event-ID", bad.lastEventId()).header("Accept", "text/event-stream");
    }
    if (bad.contentType() != null) {
      builder.header("Content-Type", bad.contentType());
    }
    builder.method(
        bad.method(),
        bad.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(bad.body()));
    HttpResponse<String> response;
    try {
      response = Api.CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new AssertionError("no answer within 5 s (a hang) for " + bad, e);
    }

    assertThat(response.statusCode()).as("%s → %s", bad, response.body()).isBetween(400, 499);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .as("%s", bad)
        .startsWith("application/problem+json");
    JsonNode problem = Api.JSON.readTree(response.body());
    assertThat(problem.get("type").asText()).startsWith("urn:aispine:problem:");
    assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
    assertThat(response.body())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain(".java:");
  }

  @Provide
  Arbitrary<Bad> badRequests() {
    return Arbitraries.oneOf(
        badJsonBodies(), badYamlBodies(), badQueries(), badPathSegments(), badLastEventIds());
  }

  private Arbitrary<Bad> badJsonBodies() {
    Arbitrary<String> route = Arbitraries.of("/api/v1/flows/hello/executions", "/api/v1/agents");
    Arbitrary<String> body =
        Arbitraries.oneOf(
            Arbitraries.of(
                "{",
                "}",
                "[]",
                "null",
                "42",
                "\"x\"",
                "{\"inputs\": ",
                "{\"inputs\": [1]}",
                "{\"inputs\": \"x\"}",
                "{\"version\": 5}",
                "{\"version\": {}}",
                "{\"extra\": 1}",
                "{\"name\": 1, \"version\": \"1.0.0\", \"url\": \"http://x\"}",
                "{\"name\": \"a\", \"version\": \"1.0.0\", \"url\": \"javascript:alert(1)\"}",
                "{\"name\": \"A B\", \"version\": \"1.0.0\", \"url\": \"http://x\"}",
                "{\"inputs\": {\"name\": \"a\"}, \"inputs\": {}}",
                "{\"a\":1}{\"b\":2}",
                "\uFEFF{}",
                "{\"inputs\": {\"name\": NaN}}",
                "{'inputs': {}}"),
            Arbitraries.strings().ofMaxLength(200).map(s -> "{" + s),
            Arbitraries.strings().withCharRange('\u0000', '\uFFFF').ofMaxLength(300));
    Arbitrary<String> type =
        Arbitraries.of(
            "application/json", "application/json; charset=utf-8", "text/plain", "application/xml");
    return Combinators.combine(route, body, type)
        .as((r, b, t) -> new Bad("POST", r, t, b.isEmpty() ? "{" : b, null));
  }

  private Arbitrary<Bad> badYamlBodies() {
    Arbitrary<String> body =
        Arbitraries.oneOf(
            Arbitraries.of(
                "id: x\nnodes: [\n",
                "- a\n- b\n",
                "id: [unclosed",
                "&a [*a]",
                "id: x\nid: y\n",
                "id: x\nversion: one\nnodes: []\n",
                "id: X\nversion: 1.0.0\nnodes: [{id: a, agent: nope}]\n",
                "!!java.lang.Runtime {}",
                "a: &x 1\nb: *x\n",
                "\t\tid: x",
                "%YAML 9.9\n---\n"),
            Arbitraries.strings().ofMaxLength(300));
    Arbitrary<String> type =
        Arbitraries.of("application/yaml", "text/yaml", "application/json", "text/plain");
    return Combinators.combine(body, type)
        .as((b, t) -> new Bad("POST", "/api/v1/flows", t, b.isEmpty() ? ":" : b, null));
  }

  private Arbitrary<Bad> badQueries() {
    Arbitrary<String> garbage =
        Arbitraries.oneOf(
            Arbitraries.of(
                "",
                "-1",
                "0",
                "501",
                "1e3",
                "99999999999999999999",
                "abc",
                "%00",
                "null",
                "2026-13-45T99:99:99Z"),
            Arbitraries.strings().ofMinLength(1).ofMaxLength(40));
    Arbitrary<String[]> routeAndParam =
        Arbitraries.of(
            new String[] {"GET", "/api/v1/executions", "limit"},
            new String[] {"GET", "/api/v1/executions", "cursor"},
            new String[] {"GET", "/api/v1/executions", "status"},
            new String[] {"GET", "/api/v1/executions", "since"},
            new String[] {"GET", "/api/v1/executions", "until"},
            new String[] {"GET", "/api/v1/executions/EXEC/events", "limit"},
            new String[] {"GET", "/api/v1/executions/EXEC/events", "after"},
            new String[] {"GET", "/api/v1/executions/EXEC/events", "cursor"},
            new String[] {"GET", "/api/v1/flows", "unknown"},
            new String[] {"GET", "/api/v1/flows/hello", "unknown"},
            new String[] {"GET", "/api/v1/flows/hello/versions", "x"},
            new String[] {"GET", "/api/v1/flows/hello/versions/1.0.0", "y"},
            new String[] {"GET", "/api/v1/executions/EXEC", "z"},
            new String[] {"POST", "/api/v1/executions/EXEC/cancel", "force"},
            new String[] {"GET", "/api/v1/agents", "kind"},
            new String[] {"GET", "/api/v1/agents/echo", "v"},
            new String[] {"POST", "/api/v1/agents/echo/health-check", "deep"},
            new String[] {"GET", "/api/v1/executions/EXEC/stream", "from"},
            new String[] {"GET", "/api/v1/events/stream", "from"});
    return Combinators.combine(routeAndParam, garbage)
        .as(
            (rp, value) -> {
              String cleanValue =
                  rp[2].equals("limit") && value.matches("[1-9][0-9]?") ? "0" : value;
              String query = rp[2] + "=" + URLEncoder.encode(cleanValue, StandardCharsets.UTF_8);
              if (rp[2].equals("cursor") || rp[2].equals("after")) {
                // a number is a valid events cursor; make it never one
                query = rp[2] + "=" + URLEncoder.encode("x" + cleanValue, StandardCharsets.UTF_8);
              }
              if (rp[2].equals("status")
                  && List.of("running", "succeeded", "failed", "cancelled")
                      .contains(cleanValue.strip().toLowerCase())) {
                query = "status=finished";
              }
              return new Bad(
                  rp[0], rp[1].replace("EXEC", execution) + "?" + query, null, null, null);
            });
  }

  private Arbitrary<Bad> badPathSegments() {
    Arbitrary<String> segment =
        Arbitraries.oneOf(
            Arbitraries.of(
                "..",
                "%2e%2e",
                "%2F",
                "%00",
                "%20",
                "ex_",
                "ex_%E2%9C%93",
                "%C3%28",
                "~",
                "%7B%7D"),
            Arbitraries.strings()
                .ofMinLength(1)
                .ofMaxLength(60)
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)));
    Arbitrary<String[]> route =
        Arbitraries.of(
            new String[] {"GET", "/api/v1/flows/S"},
            new String[] {"GET", "/api/v1/flows/S/versions"},
            new String[] {"GET", "/api/v1/flows/hello/versions/S"},
            new String[] {"POST", "/api/v1/flows/S/executions"},
            new String[] {"GET", "/api/v1/executions/S"},
            new String[] {"GET", "/api/v1/executions/S/events"},
            new String[] {"POST", "/api/v1/executions/S/cancel"},
            new String[] {"GET", "/api/v1/executions/S/stream"},
            new String[] {"GET", "/api/v1/agents/S"},
            new String[] {"POST", "/api/v1/agents/S/health-check"},
            new String[] {"GET", "/api/v1/S"},
            new String[] {"DELETE", "/api/v1/flows/S"});
    return Combinators.combine(route, segment)
        .as(
            (r, s) -> {
              // never a real flow, version, execution or agent
              String safe =
                  s.equals("hello") || s.equals("echo") || s.equals("1.0.0") ? s + "x" : s;
              return new Bad(r[0], r[1].replace("S", "z" + safe), null, null, null);
            });
  }

  private Arbitrary<Bad> badLastEventIds() {
    Arbitrary<String> id =
        Arbitraries.oneOf(
            Arbitraries.of("-1", "abc", "1.5", "99999999999999999999", "ex_1:7", "0x10"),
            Arbitraries.strings()
                .withCharRange('!', '~')
                .ofMinLength(1)
                .ofMaxLength(30)
                .filter(s -> !s.strip().matches("[0-9]+")));
    Arbitrary<String> path =
        Arbitraries.of("/api/v1/events/stream", "/api/v1/executions/EXEC/stream");
    return Combinators.combine(path, id)
        .as((p, i) -> new Bad("GET", p.replace("EXEC", execution), null, null, i));
  }
}
