package io.aispine.agents.builtin;

import static io.aispine.agents.builtin.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aispine.agent.Agent;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agents.outbound.OutboundAllowlist;
import io.aispine.agents.outbound.OutboundHttp;
import io.aispine.agents.outbound.OutboundPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The http agent against a real HTTP server on a random local port. */
class HttpRequestAgentTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CountDownLatch release = new CountDownLatch(1);
  private static final CountDownLatch hangReached = new CountDownLatch(1);
  private static HttpServer server;
  private static ExecutorService serverThreads;
  private static String base;
  private static final AtomicInteger counted = new AtomicInteger();

  private final Agent http = new HttpAgentProvider().create();

  @BeforeAll
  static void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/json",
        ex -> respond(ex, 200, "application/json; charset=utf-8", "{\"hello\":\"world\",\"n\":1}"));
    server.createContext("/text", ex -> respond(ex, 200, "text/plain", "just text"));
    server.createContext("/echo", HttpRequestAgentTest::echo);
    server.createContext(
        "/missing",
        ex ->
            respond(
                ex,
                404,
                "text/plain",
                "no such thing (you sent "
                    + ex.getRequestHeaders().getFirst("Authorization")
                    + ")"));
    server.createContext(
        "/unavailable",
        ex -> {
          ex.getResponseHeaders().set("Retry-After", "7");
          respond(ex, 503, "text/plain", "down for maintenance");
        });
    server.createContext("/throttled", ex -> respond(ex, 429, "text/plain", "slow down"));
    server.createContext(
        "/counted",
        ex -> {
          counted.incrementAndGet();
          respond(ex, 200, "text/plain", "internal data");
        });
    server.createContext("/to-json", ex -> redirect(ex, "/json"));
    server.createContext(
        "/to-metadata", ex -> redirect(ex, "http://169.254.169.254/latest/meta-data/"));
    server.createContext("/slow", ex -> respondWhenReleased(ex));
    server.createContext(
        "/hang",
        ex -> {
          hangReached.countDown();
          respondWhenReleased(ex);
        });
    serverThreads = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(serverThreads);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stopServer() {
    release.countDown();
    server.stop(0);
    serverThreads.shutdownNow();
  }

  @Test
  void returns_status_headers_duration_and_a_json_body_parsed() throws Exception {
    Map<String, Object> output = output(http.execute(call(Map.of("url", base + "/json"))));

    assertThat(output).containsEntry("status", 200);
    assertThat(output.get("body")).isEqualTo(Map.of("hello", "world", "n", 1));
    assertThat(headers(output)).containsEntry("content-type", "application/json; charset=utf-8");
    assertThat((Long) output.get("duration_ms")).isNotNegative();
  }

  @Test
  void returns_a_text_body_as_a_string() throws Exception {
    Map<String, Object> output = output(http.execute(call(Map.of("url", base + "/text"))));

    assertThat(output).containsEntry("status", 200).containsEntry("body", "just text");
    assertThat(headers(output)).containsEntry("content-type", "text/plain");
  }

  @Test
  void sends_an_object_body_as_json_with_its_content_type() throws Exception {
    var input = Map.of("url", base + "/echo", "method", "post", "body", Map.of("a", List.of(1)));

    Map<String, Object> seen = echoed(http.execute(call(input)));

    assertThat(seen)
        .containsEntry("method", "POST")
        .containsEntry("content_type", "application/json")
        .containsEntry("body", "{\"a\":[1]}");
  }

  @Test
  void sends_a_string_body_headers_and_encoded_query_parameters() throws Exception {
    var input =
        Map.of(
            "url",
            base + "/echo?fixed=1",
            "method",
            "PUT",
            "headers",
            Map.of("X-Custom", "yes", "Content-Type", "text/csv"),
            "query",
            Map.of("q", "a b&c", "tag", List.of("x", "y")),
            "body",
            "a,b\n1,2");

    Map<String, Object> seen = echoed(http.execute(call(input)));

    assertThat(seen)
        .containsEntry("method", "PUT")
        .containsEntry("x_custom", "yes")
        .containsEntry("content_type", "text/csv")
        .containsEntry("body", "a,b\n1,2");
    assertThat((String) seen.get("query"))
        .startsWith("fixed=1&")
        .contains("q=a%20b%26c")
        .contains("tag=x&tag=y");
  }

  @Test
  void answers_404_with_a_permanent_error_naming_the_status() {
    assertThatThrownBy(() -> http.execute(call(Map.of("url", base + "/missing?key=abc"))))
        .isInstanceOfSatisfying(
            AgentException.Permanent.class,
            e -> {
              assertThat(e.code()).isEqualTo("HTTP_404");
              assertThat(e.getMessage()).contains("GET ", "/missing", "404", "no such thing");
              assertThat(e.getMessage()).doesNotContain("key=abc");
            });
  }

  @Test
  void keeps_secret_request_headers_out_of_error_messages() {
    var input =
        Map.of(
            "url",
            base + "/missing",
            "headers",
            Map.of("Authorization", "Bearer s3cr3t-t0ken", "X-Api-Key", "k3y-value"));

    assertThatThrownBy(() -> http.execute(call(input)))
        .isInstanceOfSatisfying(
            AgentException.Permanent.class,
            e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-t0ken", "k3y-value"));
  }

  @Test
  void answers_503_with_a_retryable_error_and_the_retry_after_hint() {
    assertThatThrownBy(() -> http.execute(call(Map.of("url", base + "/unavailable"))))
        .isInstanceOfSatisfying(
            AgentException.Retryable.class,
            e -> {
              assertThat(e.code()).isEqualTo("HTTP_503");
              assertThat(e.getMessage()).contains("Retry-After: 7");
            });
  }

  @Test
  void answers_429_with_a_retryable_error() {
    assertThatThrownBy(() -> http.execute(call(Map.of("url", base + "/throttled"))))
        .isInstanceOfSatisfying(
            AgentException.Retryable.class, e -> assertThat(e.code()).isEqualTo("HTTP_429"));
  }

  @Test
  void treats_statuses_listed_in_expect_status_as_success() throws Exception {
    var input = Map.of("url", base + "/missing", "expect_status", List.of(404, 410));

    assertThat(output(http.execute(call(input)))).containsEntry("status", 404);
  }

  @Test
  void fails_permanently_on_a_2xx_not_listed_in_expect_status() {
    var input = Map.of("url", base + "/json", "expect_status", List.of(201));

    assertThatThrownBy(() -> http.execute(call(input)))
        .isInstanceOfSatisfying(
            AgentException.Permanent.class,
            e -> {
              assertThat(e.code()).isEqualTo("HTTP_200");
              assertThat(e.getMessage()).contains("expected one of [201]");
            });
  }

  @Test
  void refused_connection_is_retryable() throws Exception {
    var input = Map.of("url", "http://127.0.0.1:" + closedPort() + "/x");

    assertThatThrownBy(() -> http.execute(call(input)))
        .isInstanceOfSatisfying(
            AgentException.Retryable.class, e -> assertThat(e.code()).isEqualTo("HTTP_CONNECT"));
  }

  @Test
  void slow_response_times_out_as_retryable() {
    var input = Map.of("url", base + "/slow", "timeout_ms", 200);

    assertThatThrownBy(() -> http.execute(call(input)))
        .isInstanceOfSatisfying(
            AgentException.Retryable.class,
            e -> {
              assertThat(e.code()).isEqualTo("HTTP_TIMEOUT");
              assertThat(e.getMessage()).contains("200 ms");
            });
  }

  @Test
  void honours_the_timeout_the_engine_allows_the_call() {
    var input = Map.of("url", base + "/slow", "timeout_ms", 60_000);

    assertThatThrownBy(() -> http.execute(call(input, 1, Duration.ofMillis(200))))
        .isInstanceOfSatisfying(
            AgentException.Retryable.class,
            e -> {
              assertThat(e.code()).isEqualTo("HTTP_TIMEOUT");
              assertThat(e.getMessage()).contains("200 ms");
            });
  }

  @Test
  void throws_interrupted_promptly_when_interrupted() throws Exception {
    var outcome = new CompletableFuture<Throwable>();
    Thread caller =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    http.execute(call(Map.of("url", base + "/hang", "timeout_ms", 3_600_000)));
                    outcome.complete(null);
                  } catch (Throwable t) {
                    outcome.complete(t);
                  }
                });
    assertThat(hangReached.await(1, TimeUnit.MINUTES)).isTrue();

    caller.interrupt();

    // The server never answers and the timeout is an hour: only the interrupt can end the call.
    assertThat(outcome.get(1, TimeUnit.MINUTES)).isInstanceOf(InterruptedException.class);
  }

  @Test
  void a_server_listening_beyond_loopback_refuses_loopback_targets_without_sending() {
    try (var outbound =
        new OutboundHttp(
            OutboundPolicy.forServer("0.0.0.0", () -> 9325, OutboundAllowlist.none()))) {
      Agent guarded = new HttpAgentProvider(outbound).create();

      for (String host : List.of("127.0.0.1", "localhost", "2130706433", "[::ffff:127.0.0.1]")) {
        String url = base.replace("127.0.0.1", host) + "/counted";
        assertThatThrownBy(() -> guarded.execute(call(Map.of("url", url))))
            .as(url)
            .isInstanceOfSatisfying(
                AgentException.Permanent.class,
                e -> {
                  assertThat(e.code()).isEqualTo("OUTBOUND_DENIED");
                  assertThat(e.getMessage())
                      .contains("127.0.0.1 is a loopback address", "AISPINE_OUTBOUND_ALLOW");
                });
      }
    }
    assertThat(counted).hasValue(0);
  }

  @Test
  void follows_a_redirect_within_the_policy() throws Exception {
    Map<String, Object> output = output(http.execute(call(Map.of("url", base + "/to-json"))));

    assertThat(output).containsEntry("status", 200);
    assertThat(output.get("body")).isEqualTo(Map.of("hello", "world", "n", 1));
  }

  @Test
  void refuses_a_redirect_to_a_denied_address() {
    assertThatThrownBy(() -> http.execute(call(Map.of("url", base + "/to-metadata"))))
        .isInstanceOfSatisfying(
            AgentException.Permanent.class,
            e -> {
              assertThat(e.code()).isEqualTo("OUTBOUND_DENIED");
              assertThat(e.getMessage()).contains("169.254.169.254 is a cloud metadata address");
            });
  }

  @Test
  void rejects_bad_input_permanently_naming_the_field() {
    assertInvalid(Map.of(), "'url'");
    assertInvalid(Map.of("url", "ftp://example.com/file"), "'url'");
    assertInvalid(Map.of("url", "http://exa mple.com/"), "'url'");
    assertInvalid(Map.of("url", base, "method", "GE T"), "'method'");
    assertInvalid(Map.of("url", base, "headers", "x"), "'headers'");
    assertInvalid(Map.of("url", base, "headers", Map.of("Host", "evil")), "'headers.Host'");
    assertInvalid(Map.of("url", base, "query", Map.of("q", Map.of())), "'query.q'");
    assertInvalid(Map.of("url", base, "timeout_ms", 0), "'timeout_ms'");
    assertInvalid(Map.of("url", base, "expect_status", List.of(99)), "'expect_status'");
  }

  @Test
  void keeps_a_restricted_secret_header_value_out_of_the_input_error() {
    var input = Map.of("url", base, "headers", Map.of("Connection", "s3cr3t-value"));

    assertThatThrownBy(() -> http.execute(call(input)))
        .isInstanceOfSatisfying(
            AgentException.Permanent.class,
            e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-value"));
  }

  private void assertInvalid(Map<String, Object> input, String field) {
    assertThatThrownBy(() -> http.execute(call(input)))
        .isInstanceOfSatisfying(
            AgentException.Permanent.class,
            e -> {
              assertThat(e.code()).isEqualTo("INVALID_INPUT");
              assertThat(e.getMessage()).contains(field);
            });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> output(AgentResult result) {
    assertThat(result).isInstanceOf(AgentResult.Success.class);
    return (Map<String, Object>) ((AgentResult.Success) result).output();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> headers(Map<String, Object> output) {
    return (Map<String, String>) output.get("headers");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> echoed(AgentResult result) {
    return (Map<String, Object>) output(result).get("body");
  }

  private static int closedPort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  /** Answers with what the request looked like, so tests can check what the agent sent. */
  private static void echo(HttpExchange exchange) throws IOException {
    var seen = new LinkedHashMap<String, Object>();
    seen.put("method", exchange.getRequestMethod());
    seen.put("query", exchange.getRequestURI().getRawQuery());
    seen.put("content_type", exchange.getRequestHeaders().getFirst("Content-Type"));
    seen.put("x_custom", exchange.getRequestHeaders().getFirst("X-Custom"));
    seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    respond(exchange, 200, "application/json", JSON.writeValueAsString(seen));
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private static void respondWhenReleased(HttpExchange exchange) throws IOException {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    respond(exchange, 200, "text/plain", "late");
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
