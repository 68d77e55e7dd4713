package io.aispine.agents.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agent.AgentException;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.contract.SignatureVerifier;
import io.aispine.agents.contract.TraceContext;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the client sends and how it reads answers, seen from an agent not written with us. */
class HttpAgentAgainstHandWrittenAgentTest {

  private static final String SECRET = "hand-written-secret";

  private final HandWrittenAgent remote;

  HttpAgentAgainstHandWrittenAgentTest() throws Exception {
    remote = new HandWrittenAgent();
  }

  @AfterEach
  void stop() {
    remote.close();
  }

  @Test
  void sends_idempotency_key_traceparent_and_a_signature_the_verifier_accepts() throws Exception {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    new HttpAgent(remote.url(), SECRET)
        .execute(Calls.call(Map.of("name", "Ada"), Map.of("traceparent", traceparent), null));

    var received = remote.last();
    assertThat(received.header("Idempotency-Key")).isEqualTo("ex_test/review/2/ocr/1");
    assertThat(received.header("AISpine-Id")).isEqualTo("ex_test/review/2/ocr/1");
    assertThat(received.header("traceparent")).isEqualTo(traceparent);
    assertThat(received.header("AISpine-Timeout-Ms")).isEqualTo("30000");
    assertThat(received.header("AISpine-Signature")).startsWith("v1,");
    assertThatCode(
            () ->
                SignatureVerifier.of(SECRET)
                    .verify(
                        received.header("AISpine-Id"),
                        received.header("AISpine-Timestamp"),
                        received.header("AISpine-Signature"),
                        received.body()))
        .doesNotThrowAnyException();
  }

  @Test
  void sends_the_call_as_the_documented_snake_case_body() throws Exception {
    new HttpAgent(remote.url(), null).execute(Calls.call(Map.of("name", "Ada")));

    JsonNode body = ContractJson.mapper().readTree(remote.last().body());
    assertThat(body.get("execution_id").asText()).isEqualTo("ex_test");
    assertThat(body.get("node").asText()).isEqualTo("review/2/ocr");
    assertThat(body.get("attempt").asInt()).isEqualTo(1);
    assertThat(body.get("idempotency_key").asText()).isEqualTo("ex_test/review/2/ocr/1");
    assertThat(body.get("action").asText()).isEqualTo("scan");
    assertThat(body.get("input").get("name").asText()).isEqualTo("Ada");
    assertThat(body.get("context").isObject()).isTrue();
    assertThat(remote.last().header("AISpine-Signature")).isNull();
  }

  @Test
  void generates_a_valid_traceparent_when_the_call_has_none() throws Exception {
    new HttpAgent(remote.url(), null).execute(Calls.call(Map.of()));

    assertThat(TraceContext.isValid(remote.last().header("traceparent"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504})
  void server_errors_without_a_contract_answer_mean_the_agent_could_not_serve(int status) {
    remote.answer(status, "<html>upstream busy</html>");

    assertThatThrownBy(() -> new HttpAgent(remote.url(), null).execute(Calls.call(Map.of())))
        .isInstanceOfSatisfying(
            AgentException.Unreachable.class,
            e -> assertThat(e.code()).isEqualTo("AGENT_HTTP_" + status))
        .hasMessageContaining("upstream busy");
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429})
  void a_request_timeout_or_throttling_is_retryable_but_no_outage(int status) {
    remote.answer(status, "slow down");

    assertThatThrownBy(() -> new HttpAgent(remote.url(), null).execute(Calls.call(Map.of())))
        .isInstanceOfSatisfying(
            AgentException.Retryable.class,
            e -> {
              assertThat(e.code()).isEqualTo("AGENT_HTTP_" + status);
              assertThat(e).isNotInstanceOf(AgentException.Unreachable.class);
            });
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 422})
  void other_client_errors_are_permanent(int status) {
    remote.answer(status, "{\"title\":\"Nope\",\"detail\":\"field x\"}");

    assertThatThrownBy(() -> new HttpAgent(remote.url(), null).execute(Calls.call(Map.of())))
        .isInstanceOfSatisfying(
            AgentException.Permanent.class,
            e -> assertThat(e.code()).isEqualTo("AGENT_HTTP_" + status))
        .hasMessageContaining("Nope: field x");
  }

  static Stream<Arguments> malformedAnswers() {
    return Stream.of(
        Arguments.of("not json at all", "not a JSON object"),
        Arguments.of("[1,2]", "not a JSON object"),
        Arguments.of("{\"output\":{}}", "'status'"),
        Arguments.of("{\"status\":\"done\"}", "got \"done\""),
        Arguments.of("{\"status\":\"success\",\"output\":1,\"usage\":[]}", "'usage'"),
        Arguments.of(
            "{\"status\":\"success\",\"output\":1,\"usage\":{\"input_tokens\":\"7\"}}",
            "'usage.input_tokens'"),
        Arguments.of("{\"status\":\"error\"}", "'error' object"),
        Arguments.of(
            "{\"status\":\"error\",\"error\":{\"code\":7,\"retryable\":true}}", "'error.code'"),
        Arguments.of("{\"status\":\"error\",\"error\":{\"code\":\"X\"}}", "'error.retryable'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedAnswers")
  void a_malformed_answer_is_a_permanent_protocol_error_naming_the_problem(
      String body, String named) {
    remote.answer(200, body);

    assertThatThrownBy(() -> new HttpAgent(remote.url(), null).execute(Calls.call(Map.of())))
        .isInstanceOfSatisfying(
            AgentException.Permanent.class, e -> assertThat(e.code()).isEqualTo("AGENT_PROTOCOL"))
        .hasMessageContaining(named);
  }

  @Test
  void a_contract_error_sent_with_an_error_status_keeps_the_agents_code() throws Exception {
    remote.answer(
        500,
        "{\"status\":\"error\",\"error\":{\"code\":\"OCR_ENGINE\",\"message\":\"m\","
            + "\"retryable\":false}}");

    assertThat(new HttpAgent(remote.url(), null).execute(Calls.call(Map.of())))
        .isEqualTo(
            io.aispine.agent.AgentResult.failure(
                io.aispine.execution.ErrorInfo.permanent("OCR_ENGINE", "m")));
  }

  @Test
  void ignores_unknown_fields_in_answers() throws Exception {
    remote.answer(200, "{\"status\":\"success\",\"output\":{\"a\":1},\"extra\":true}");

    assertThat(new HttpAgent(remote.url(), null).execute(Calls.call(Map.of())))
        .isEqualTo(io.aispine.agent.AgentResult.success(Map.of("a", 1)));
  }
}
