package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests the server makes on a user's behalf (the {@code http} agent, manifests of agents
 * registered by URL) against a real "internal" HTTP server on loopback, with the server listening
 * on loopback only (the default) or on every interface.
 */
class OutboundRequestsTest {

  private static final String FETCH =
      """
      id: fetch
      version: 1.0.0
      inputs:
        url: {type: string, required: true}
      nodes:
        - id: get
          agent: http
          with: {url: "${inputs.url}"}
      outputs:
        body: "${nodes.get.output.body}"
      """;

  @TempDir Path dataDir;

  private final ConcurrentLinkedQueue<String> internalHits = new ConcurrentLinkedQueue<>();
  private HttpServer internal;
  private String internalUrl;
  private AispineServer server;
  private Api api;

  @BeforeEach
  void startInternalService() throws IOException {
    internal = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    internal.createContext("/data", ex -> answer(ex, "application/json", "{\"secret\": \"s3\"}"));
    internal.createContext(
        "/html/manifest",
        ex ->
            answer(ex, "text/html", "<html><body>INTERNAL-ADMIN-PANEL token=abc123</body></html>"));
    internal.createContext(
        "/creds/manifest",
        ex ->
            answer(
                ex,
                "application/json",
                "{\"AccessKeyId\": \"AKIA-SECRET-KEY\", \"Token\": \"tok-SECRET\"}"));
    internal.start();
    internalUrl = "http://127.0.0.1:" + internal.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    internal.stop(0);
  }

  @Test
  void a_server_listening_on_every_interface_refuses_http_calls_to_loopback() {
    start("0.0.0.0");

    JsonNode done = run(internalUrl + "/data");

    assertDenied(done, "127.0.0.1 is a loopback address");
    assertThat(internalHits).isEmpty();
  }

  @Test
  void a_loopback_server_calls_loopback_services_but_never_its_own_port() {
    start("127.0.0.1");

    JsonNode reached = run(internalUrl + "/data");
    assertThat(reached.get("status").asText()).as(reached.toString()).isEqualTo("succeeded");
    assertThat(reached.at("/outputs/body/secret").asText()).isEqualTo("s3");

    int own = server.port();
    for (String host : List.of("127.0.0.1", "localhost", "2130706433", "[::ffff:127.0.0.1]")) {
      JsonNode metrics = run("http://" + host + ":" + own + "/metrics");
      assertDenied(metrics, "this server's own port");
      assertThat(metrics.toString()).doesNotContain("aispine_executions_started_total");
    }
  }

  @Test
  void refuses_to_register_an_agent_at_a_denied_url_without_fetching_it() {
    start("0.0.0.0");

    Api.Answer byUrl = api.postJson("/api/v1/agents", "{\"url\": \"" + internalUrl + "\"}");
    Api.Answer withManifest =
        api.postJson(
            "/api/v1/agents",
            "{\"name\": \"meta\", \"version\": \"1.0.0\", \"url\": \"http://169.254.169.254\"}");

    assertRefused(byUrl, "127.0.0.1 is a loopback address");
    assertRefused(withManifest, "169.254.169.254 is a cloud metadata address");
    assertThat(internalHits).isEmpty();
  }

  @Test
  void refuses_to_register_an_agent_at_its_own_port() {
    start("127.0.0.1");

    Api.Answer answer =
        api.postJson(
            "/api/v1/agents", "{\"url\": \"http://localhost:" + server.port() + "/api/v1\"}");

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.json().get("detail").asText()).contains("this server's own port");
  }

  @Test
  void a_manifest_url_answering_something_else_is_refused_without_echoing_it() {
    start("127.0.0.1");

    Api.Answer html = api.postJson("/api/v1/agents", "{\"url\": \"" + internalUrl + "/html\"}");
    Api.Answer creds = api.postJson("/api/v1/agents", "{\"url\": \"" + internalUrl + "/creds\"}");

    assertThat(html.status()).as(html.toString()).isEqualTo(400);
    assertThat(html.json().get("detail").asText())
        .contains("GET " + internalUrl + "/html/manifest answered 200 with a body that is not")
        .contains("(59 bytes, text/html)");
    assertThat(html.body()).doesNotContain("INTERNAL-ADMIN-PANEL", "abc123");
    assertThat(creds.status()).as(creds.toString()).isEqualTo(400);
    assertThat(creds.json().get("detail").asText()).contains("bytes, application/json)");
    assertThat(creds.body()).doesNotContain("AKIA-SECRET-KEY", "tok-SECRET", "AccessKeyId");
  }

  private void start(String host) {
    // on every interface the gate would ask for four eyes; what is tested here is outbound calls
    server =
        AispineServer.start(
            new ServerConfig(host, 0, dataDir, null).withFlowApproval(FlowApproval.SELF));
    api = new Api(server.port(), server.adminKeyCreated().orElseThrow());
    assertThat(api.deploy(FETCH).status()).isEqualTo(201);
  }

  private JsonNode run(String url) {
    return api.awaitFinished(api.start("fetch", "{\"url\": \"" + url + "\"}"));
  }

  private static void assertDenied(JsonNode execution, String why) {
    assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("failed");
    JsonNode error = execution.at("/nodes/0/error");
    assertThat(error.get("code").asText()).isEqualTo("OUTBOUND_DENIED");
    assertThat(error.get("retryable").asBoolean()).isFalse();
    assertThat(error.get("message").asText()).contains(why);
  }

  private static void assertRefused(Api.Answer answer, String why) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    JsonNode problem = answer.json();
    assertThat(problem.get("type").asText()).isEqualTo("urn:aispine:problem:outbound-denied");
    assertThat(problem.get("detail").asText()).contains(why, "AISPINE_OUTBOUND_ALLOW");
    assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("/url");
  }

  private void answer(HttpExchange exchange, String type, String body) throws IOException {
    internalHits.add(exchange.getRequestURI().getPath());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
