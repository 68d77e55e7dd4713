package io.aispine.agents.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agent.AgentResult;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.contract.Signer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server side of the contract, probed with raw HTTP requests. */
class AgentServerTest {

  private static final String SECRET = "server-test-secret";
  private static final String VALID_BODY =
      "{\"execution_id\":\"ex_1\",\"node\":\"n\",\"attempt\":1,\"idempotency_key\":\"ex_1/n/1\","
          + "\"input\":{\"a\":1}}";

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final AgentServer OPEN =
      AgentServer.start(call -> AgentResult.success(call.input()), "echo", "1.0.0", 0, null);
  private static final AgentServer SIGNED =
      AgentServer.start(call -> AgentResult.success(call.input()), "echo", "1.0.0", 0, SECRET);
  private static final AgentServer CRASHING =
      AgentServer.start(
          call -> {
            throw new IllegalStateException("secret internals: db password is hunter2");
          },
          "crash",
          "1.0.0",
          0,
          null);

  @AfterAll
  static void stop() {
    OPEN.close();
    SIGNED.close();
    CRASHING.close();
  }

  private static HttpResponse<String> send(AgentServer server, HttpRequest.Builder request)
      throws Exception {
    return HTTP.send(
        request.uri(URI.create("http://127.0.0.1:" + server.port() + uriPath(request))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  // Requests are built with a placeholder path; the port is only known per server.
  private static String uriPath(HttpRequest.Builder request) {
    return request.copy().build().uri().getPath();
  }

  private static HttpRequest.Builder post(String body) {
    return HttpRequest.newBuilder(URI.create("http://placeholder/execute"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static JsonNode problem(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type").orElseThrow())
        .startsWith("application/problem+json");
    JsonNode problem = ContractJson.mapper().readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("type").asText()).isNotBlank();
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).isNotBlank();
    assertThat(response.body()).doesNotContain("\tat ").doesNotContain("at io.aispine");
    return problem;
  }

  @Test
  void answers_health_with_name_and_version() throws Exception {
    var response =
        send(OPEN, HttpRequest.newBuilder(URI.create("http://placeholder/health")).GET());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ContractJson.mapper().readTree(response.body()))
        .isEqualTo(
            ContractJson.mapper()
                .readTree("{\"status\":\"ok\",\"name\":\"echo\",\"version\":\"1.0.0\"}"));
  }

  @Test
  void runs_a_valid_unsigned_call_when_no_secret_is_set() throws Exception {
    var response = send(OPEN, post(VALID_BODY));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ContractJson.mapper().readTree(response.body()).get("output").get("a").asInt())
        .isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "not json",
        "{",
        "{\"execution_id\":\"ex_1\",}",
        "[]",
        "42",
        "null",
        "\"a string\"",
        "{} trailing",
        "{\"a\":1,\"a\":2}",
        "{\"node\":\"n\",\"attempt\":1,\"idempotency_key\":\"k\",\"input\":{}}",
        "{\"execution_id\":\"\",\"node\":\"n\",\"attempt\":1,\"idempotency_key\":\"k\",\"input\":{}}",
        "{\"execution_id\":7,\"node\":\"n\",\"attempt\":1,\"idempotency_key\":\"k\",\"input\":{}}",
        "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":\"1\",\"idempotency_key\":\"k\",\"input\":{}}",
        "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":0,\"idempotency_key\":\"k\",\"input\":{}}",
        "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":1.5,\"idempotency_key\":\"k\",\"input\":{}}",
        "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":99999999999,\"idempotency_key\":\"k\",\"input\":{}}",
        "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":1,\"idempotency_key\":\"k\",\"input\":[]}",
        "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":1,\"idempotency_key\":\"k\"}",
        "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":1,\"idempotency_key\":\"k\",\"input\":{},\"action\":5}",
        "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":1,\"idempotency_key\":\"k\",\"input\":{},\"context\":\"x\"}",
        "\u00ff\u00fe garbage bytes",
      })
  void answers_a_malformed_body_with_400_problem_json_never_5xx(String body) throws Exception {
    problem(send(OPEN, post(body)), 400);
  }

  @Test
  void names_the_field_at_fault_with_a_json_pointer() throws Exception {
    JsonNode problem =
        problem(
            send(
                OPEN,
                post(
                    "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":\"two\","
                        + "\"idempotency_key\":\"k\",\"input\":{}}")),
            400);

    assertThat(problem.get("pointer").asText()).isEqualTo("/attempt");
    assertThat(problem.get("detail").asText())
        .isEqualTo("'attempt' must be an integer >= 1, got \"two\"");
  }

  @Test
  void accepts_null_context_values_and_unknown_fields() throws Exception {
    String body =
        VALID_BODY.replace("}}", "},\"context\":{\"a\":null,\"b\":\"x\"},\"future_field\":true}");

    assertThat(send(OPEN, post(body)).statusCode()).isEqualTo(200);
  }

  @Test
  void answers_a_body_over_one_mebibyte_with_413() throws Exception {
    String big = "{\"input\":{\"x\":\"" + "a".repeat(1 << 20) + "\"}}";

    problem(send(OPEN, post(big)), 413);
  }

  @Test
  void answers_an_unknown_route_with_404_problem_json() throws Exception {
    var response = send(OPEN, HttpRequest.newBuilder(URI.create("http://placeholder/nope")).GET());

    assertThat(problem(response, 404).get("detail").asText()).contains("GET /nope");
  }

  @Test
  void answers_the_wrong_method_with_405_problem_json() throws Exception {
    problem(
        send(OPEN, HttpRequest.newBuilder(URI.create("http://placeholder/execute")).GET()), 405);
  }

  @Test
  void refuses_an_unsigned_call_when_a_secret_is_set() throws Exception {
    JsonNode problem = problem(send(SIGNED, post(VALID_BODY)), 401);

    assertThat(problem.get("detail").asText()).isEqualTo("missing header AISpine-Id");
  }

  @Test
  void refuses_a_call_signed_with_another_secret_without_echoing_any_secret() throws Exception {
    long now = Instant.now().getEpochSecond();
    byte[] body = VALID_BODY.getBytes(StandardCharsets.UTF_8);
    var response =
        send(
            SIGNED,
            post(VALID_BODY)
                .header("AISpine-Id", "ex_1/n/1")
                .header("AISpine-Timestamp", Long.toString(now))
                .header("AISpine-Signature", new Signer("wrong").sign("ex_1/n/1", now, body)));

    problem(response, 401);
    assertThat(response.body()).doesNotContain(SECRET).doesNotContain("wrong");
  }

  @Test
  void refuses_a_correctly_signed_call_whose_timestamp_is_too_old() throws Exception {
    long old = Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond();
    byte[] body = VALID_BODY.getBytes(StandardCharsets.UTF_8);
    var response =
        send(
            SIGNED,
            post(VALID_BODY)
                .header("AISpine-Id", "ex_1/n/1")
                .header("AISpine-Timestamp", Long.toString(old))
                .header("AISpine-Signature", new Signer(SECRET).sign("ex_1/n/1", old, body)));

    assertThat(problem(response, 401).get("detail").asText()).contains("AISpine-Timestamp");
  }

  @Test
  void runs_a_correctly_signed_call() throws Exception {
    long now = Instant.now().getEpochSecond();
    byte[] body = VALID_BODY.getBytes(StandardCharsets.UTF_8);
    var response =
        send(
            SIGNED,
            post(VALID_BODY)
                .header("AISpine-Id", "ex_1/n/1")
                .header("AISpine-Timestamp", Long.toString(now))
                .header("AISpine-Signature", new Signer(SECRET).sign("ex_1/n/1", now, body)));

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void answers_a_crashing_agent_with_500_problem_json_without_its_message_or_stack()
      throws Exception {
    var response = send(CRASHING, post(VALID_BODY));

    assertThat(problem(response, 500).get("detail").asText()).contains("IllegalStateException");
    assertThat(response.body()).doesNotContain("hunter2");
  }

  @Test
  void answers_a_malformed_timeout_header_with_400() throws Exception {
    problem(send(OPEN, post(VALID_BODY).header("AISpine-Timeout-Ms", "soon")), 400);
  }
}
