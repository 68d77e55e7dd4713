package io.aispine.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.api.Problem;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every failure of a handler, an {@link Error} too, is answered with a problem of its status. */
class ErrorMappingTest {

  private Javalin app;

  @BeforeEach
  void start() {
    app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.jetty.host = "127.0.0.1";
                  config.jetty.port = 0;
                  ErrorMapping.register(config);
                  config.routes.get(
                      "/too-deep",
                      ctx -> {
                        throw new StackOverflowError();
                      });
                  config.routes.get(
                      "/bad-gateway",
                      ctx -> {
                        throw new HttpResponseException(502, "upstream said no");
                      });
                })
            .start();
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void an_error_such_as_a_stack_overflow_is_a_500_problem_not_an_empty_answer() throws Exception {
    // found by fuzzing: deeply nested expressions overflowed the parser's stack and Javalin
    // answered an empty 500
    HttpResponse<String> answer = get("/too-deep");

    assertThat(answer.statusCode()).isEqualTo(500);
    assertThat(answer.headers().firstValue("Content-Type").orElse(""))
        .startsWith(Problem.MEDIA_TYPE);
    JsonNode problem = Json.mapper().readTree(answer.body());
    assertThat(problem.get("status").asInt()).isEqualTo(500);
    assertThat(problem.get("type").asText()).isEqualTo("urn:aispine:problem:internal-error");
    assertThat(answer.body()).doesNotContain("StackOverflow");
  }

  @Test
  void an_http_status_keeps_its_code_in_the_problem() throws Exception {
    HttpResponse<String> answer = get("/bad-gateway");

    assertThat(answer.statusCode()).isEqualTo(502);
    JsonNode problem = Json.mapper().readTree(answer.body());
    assertThat(problem.get("status").asInt()).isEqualTo(502);
    assertThat(problem.get("type").asText()).isEqualTo("urn:aispine:problem:bad-gateway");
  }

  private HttpResponse<String> get(String path) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
