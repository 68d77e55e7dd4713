package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every route that takes a body, read from {@code /openapi.json} so that new ones are held to the
 * same rules: a Content-Type it does not take is a 415 even with an empty body, a required body
 * that is missing is a 400, an optional one may be left out.
 */
class RequestBodyRulesTest extends ServerTestBase {

  private static final String NO_INPUTS =
      """
      id: sign
      version: 1.0.0
      nodes:
        - {id: sign, type: approval, message: "Sign?", approvers: {roles: admin}}
      """;

  private static final String PROBLEM = "application/problem+json";

  private Map<String, String> ids;

  @BeforeEach
  void createOneOfEverything() {
    assertThat(api.deploy(HELLO).status()).isEqualTo(201);
    assertThat(api.deploy(NO_INPUTS).status()).isEqualTo(201);
    String finished = api.start("hello", "{\"name\": \"a\"}");
    api.awaitFinished(finished);
    api.start("sign", "{}");
    String approval = api.get("/api/v1/approvals?status=pending").json().at("/items/0/id").asText();
    String echoVersion = api.get("/api/v1/agents/echo").json().at("/versions/0/version").asText();
    Api.Answer webhook =
        api.postJson(
            "/api/v1/webhooks",
            "{\"url\": \"http://127.0.0.1:9/hook\", \"event_types\": [\"approval.*\"]}");
    assertThat(webhook.status()).as(webhook.body()).isEqualTo(201);
    ids =
        Map.of(
            "/api/v1/flows/{id}",
            "hello",
            "/api/v1/executions/{id}",
            finished,
            "/api/v1/approvals/{id}",
            approval,
            "/api/v1/workspaces/{id}",
            "default",
            "/api/v1/webhooks/{id}",
            webhook.json().get("id").asText(),
            "{name}",
            "echo",
            "{version}",
            echoVersion);
  }

  @Test
  void a_content_type_the_route_does_not_take_is_a_415_even_with_an_empty_body() {
    // found by fuzzing: PUT …/limits with Content-Type garbage/%%% and no body answered 200
    List<String> wrong = new ArrayList<>();
    for (Route route : bodyRoutes()) {
      for (String type :
          List.of("garbage/%%%", "text/plain", "application/x-www-form-urlencoded")) {
        for (String body : List.of("", "{}")) {
          Api.Answer answer = send(route, type, body);
          if (answer.status() != 415 || !answer.contentType().startsWith(PROBLEM)) {
            wrong.add(route + " [" + type + "] '" + body + "' → " + answer);
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(
            api.get("/api/v1/agents/echo/limits").json().at("/override/rate_per_minute").isNull())
        .isTrue();
  }

  @Test
  void a_required_json_body_that_is_missing_is_a_400_and_changes_nothing() {
    List<String> wrong = new ArrayList<>();
    for (Route route : bodyRoutes()) {
      if (!route.required() || !route.contentType().equals("application/json")) {
        continue;
      }
      for (String type : new String[] {null, "application/json"}) {
        Api.Answer answer = send(route, type, "");
        if (answer.status() != 400 || !answer.json().get("detail").asText().contains("empty")) {
          wrong.add(route + " [" + type + "] no body → " + answer);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void an_optional_body_may_be_left_out() {
    Api.Answer started =
        Api.send(
            api.request("/api/v1/flows/sign/executions")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    Api.Answer approved =
        Api.send(
            api.request(fill("/api/v1/approvals/{id}/approve"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());

    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
  }

  private record Route(String method, String path, String contentType, boolean required) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private List<Route> bodyRoutes() {
    List<Route> routes = new ArrayList<>();
    api.get("/openapi.json")
        .json()
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          JsonNode body = op.getValue().get("requestBody");
                          // a channel's webhook and a flow's webhook trigger take their sender's
                          // raw body, checked by its signature (WhatsAppConversationTest,
                          // TriggerTest); a channel's is 404 where unconfigured
                          if (body != null
                              && !path.getKey().startsWith("/webhooks/")
                              && !path.getKey().startsWith("/hooks/")) {
                            routes.add(
                                new Route(
                                    op.getKey().toUpperCase(Locale.ROOT),
                                    path.getKey(),
                                    body.get("content").fieldNames().next(),
                                    body.path("required").asBoolean(false)));
                          }
                        }));
    assertThat(routes).hasSizeGreaterThanOrEqualTo(8);
    return routes;
  }

  private Api.Answer send(Route route, String contentType, String body) {
    var request = api.request(fill(route.path()));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return Api.send(
        request
            .method(
                route.method(),
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private String fill(String path) {
    String filled = path;
    for (var id : ids.entrySet()) {
      String key = id.getKey();
      filled =
          key.startsWith("/")
              ? filled.replace(key, key.replace("{id}", id.getValue()))
              : filled.replace(key, id.getValue());
    }
    assertThat(filled).as("a path parameter this test has no value for").doesNotContain("{");
    return filled;
  }
}
