package io.aispine.agentsdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.contract.Signer;
import io.aispine.agents.serve.AgentServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SDK agents on a real port, probed with raw HTTP. */
class AispineAgentTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final AtomicInteger runs = new AtomicInteger();
  private AgentServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private AgentServer greeter(String secret) {
    server =
        AispineAgent.named("greeter")
            .version("1.2.0")
            .secret(secret)
            .handle(
                call -> {
                  runs.incrementAndGet();
                  if (!call.input().containsKey("name")) {
                    throw new IllegalArgumentException("input needs a 'name'");
                  }
                  return Map.of("greeting", "Hello " + call.input().get("name"));
                })
            .serve(0);
    return server;
  }

  private static String body(String key, String name) {
    return "{\"execution_id\":\"ex_1\",\"node\":\"n\",\"attempt\":1,\"idempotency_key\":\""
        + key
        + "\",\"input\":{\"name\":\""
        + name
        + "\"}}";
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/execute"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return ContractJson.mapper().readTree(response.body());
  }

  @Test
  void serves_a_handler_in_a_few_lines_with_health_and_manifest() throws Exception {
    greeter(null);

    assertThat(json(get("/health")).path("status").asText()).isEqualTo("ok");
    JsonNode manifest = json(get("/manifest"));
    assertThat(manifest.path("name").asText()).isEqualTo("greeter");
    assertThat(manifest.path("version").asText()).isEqualTo("1.2.0");
    JsonNode answer = json(post(body("k1", "Ada"), Map.of()));
    assertThat(answer.path("status").asText()).isEqualTo("success");
    assertThat(answer.path("output").path("greeting").asText()).isEqualTo("Hello Ada");
  }

  @Test
  void serves_a_manifest_that_a_servers_registry_accepts() throws Exception {
    AgentManifest manifest =
        new AgentManifest(
            "greeter",
            "1.3.0",
            "Greets people",
            "messaging",
            java.util.List.of("demo"),
            Map.of("type", "object", "required", java.util.List.of("name")),
            Map.of("type", "object"),
            Map.of("name", "Ada"),
            Map.of("model", "per_call", "usd_per_call", 0.001),
            Map.of("rate_per_minute", 60, "max_concurrency", 2),
            java.util.List.of("send"),
            true);
    server = AispineAgent.of(manifest).secret(null).handle(call -> Map.of()).serve(0);

    JsonNode served = json(get("/manifest"));

    assertThat(served.path("sensitive").asBoolean()).isTrue();
    assertThat(served.path("sensitive_actions").get(0).asText()).isEqualTo("send");
    assertThat(io.aispine.agents.manifest.ManifestRules.forRegistry(served, java.util.Set.of()))
        .isEmpty();
    assertThat(AgentManifest.of("greeter", "1.0.0").sensitive()).isNull();
  }

  @Test
  void runs_once_per_idempotency_key_and_answers_the_stored_result() throws Exception {
    greeter(null);

    String first = post(body("same-key", "Ada"), Map.of()).body();
    String second = post(body("same-key", "Bob"), Map.of()).body();
    post(body("other-key", "Bob"), Map.of());

    assertThat(second).isEqualTo(first).contains("Hello Ada");
    assertThat(runs).hasValue(2);
  }

  @Test
  void answers_a_handler_that_rejects_its_input_with_a_permanent_error() throws Exception {
    greeter(null);

    JsonNode answer =
        json(post(body("no-name", "Ada").replace("{\"name\":\"Ada\"}", "{}"), Map.of()));

    assertThat(answer.path("status").asText()).isEqualTo("error");
    assertThat(answer.path("error").path("code").asText()).isEqualTo("INVALID_INPUT");
    assertThat(answer.path("error").path("retryable").asBoolean()).isFalse();
  }

  @Test
  void refuses_unsigned_requests_when_a_secret_is_set_and_accepts_signed_ones() throws Exception {
    greeter("sdk-secret");
    String body = body("signed-1", "Ada");

    assertThat(post(body, Map.of()).statusCode()).isEqualTo(401);
    long now = Instant.now().getEpochSecond();
    String signature = new Signer("sdk-secret").sign("signed-1", now, body.getBytes());
    var signed =
        post(
            body,
            Map.of(
                "AISpine-Id",
                "signed-1",
                "AISpine-Timestamp",
                Long.toString(now),
                "AISpine-Signature",
                signature));
    assertThat(signed.statusCode()).isEqualTo(200);
    assertThat(runs).hasValue(1);
  }

  @Test
  void reads_the_manifest_from_the_class_path() {
    AgentManifest manifest = AgentManifest.fromResource("/test-agent.json");

    assertThat(manifest.name()).isEqualTo("test-agent");
    assertThat(manifest.sampleInput()).containsEntry("name", "Ada");
    assertThat(manifest.outputSchema()).containsEntry("type", "object");
  }
}
