package io.aispine.sdk;

import static io.aispine.sdk.FakeApiServer.event;
import static io.aispine.sdk.FakeApiServer.json;
import static io.aispine.sdk.FakeApiServer.raw;
import static io.aispine.sdk.FakeApiServer.send;
import static io.aispine.sdk.FakeApiServer.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.api.Execution;
import io.aispine.api.ExecutionStatus;
import io.aispine.api.ExecutionSummary;
import io.aispine.api.FlowNode;
import io.aispine.api.HistoryEvent;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a JDK HTTP server that speaks the API's wire format. */
class AispineClientTest {

  private static final String FLOW_VERSION =
      """
      {"id":"greet","version":"1.0.0","description":"Says hello","created_at":"2026-01-01T00:00:00Z",
       "inputs":{"name":{"type":"string","required":true,"default":null,"description":"who"}},
       "nodes":[{"id":"hello","type":"agent","needs":[],"agent":"echo"}],
       "outputs":["greeting"],"yaml":"id: greet\\n","added_by_a_newer_server":42}""";

  private FakeApiServer server;
  private AispineClient client;

  @BeforeEach
  void start() throws Exception {
    server = new FakeApiServer();
    client = client(server.url(), Duration.ofSeconds(45));
  }

  private static AispineClient client(String url, Duration idle) {
    return AispineClient.builder()
        .baseUrl(url)
        .token("k_test")
        .reconnectPolicy(
            new ReconnectPolicy(
                Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5)))
        .streamIdleTimeout(idle)
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void deploy_sends_yaml_with_the_bearer_token_and_tells_created_from_already_deployed() {
    server.on(
        "POST /api/v1/flows",
        (ex, req) -> json(ex, req.body().contains("v2") ? 201 : 200, FLOW_VERSION));

    FlowDeployment created = client.deployFlow("id: greet # v2");
    FlowDeployment again = client.deployFlow("id: greet");

    assertThat(created.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(created.flow().ref()).isEqualTo("greet@1.0.0");
    assertThat(created.flow().inputs().get("name").required()).isTrue();
    assertThat(created.flow().nodes()).extracting(FlowNode::agent).containsExactly("echo");
    var request = server.requests.getFirst();
    assertThat(request.header("Authorization")).isEqualTo("Bearer k_test");
    assertThat(request.header("Content-Type")).isEqualTo("application/yaml");
  }

  @Test
  void invalid_flow_becomes_an_exception_with_every_problem_and_its_line_and_column() {
    server.on(
        "POST /api/v1/flows",
        (ex, req) ->
            send(
                ex,
                422,
                "application/problem+json",
                """
                {"type":"urn:aispine:problem:invalid-flow","title":"The flow is invalid","status":422,
                 "detail":"1 problem in flow kyc.yaml","instance":"/api/v1/flows",
                 "errors":[{"pointer":"/nodes/1/needs/0","line":14,"column":9,
                            "detail":"node 'ocr' needs unknown node 'dowload' (did you mean 'download'?)"}]}"""));

    assertThatThrownBy(() -> client.deployFlow("id: kyc"))
        .isInstanceOfSatisfying(
            AispineApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.problem().kind()).isEqualTo("invalid-flow");
              assertThat(e.problem().errors().getFirst().line()).isEqualTo(14);
              assertThat(e.toString())
                  .contains(
                      "POST /api/v1/flows answered 422 The flow is invalid: 1 problem in flow kyc.yaml")
                  .contains(
                      "line 14 col 9 (/nodes/1/needs/0): node 'ocr' needs unknown node 'dowload'");
            });
  }

  @Test
  void an_error_that_is_not_problem_json_still_names_the_status_and_quotes_the_body() {
    server.on("GET /api/v1/flows", (ex, req) -> send(ex, 502, "text/html", "<h1>Bad gateway</h1>"));

    assertThatThrownBy(() -> client.listFlows())
        .isInstanceOfSatisfying(
            AispineApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(502);
              assertThat(e.getMessage()).contains("502 Bad Gateway: <h1>Bad gateway</h1>");
            });
  }

  @Test
  void lists_executions_with_repeated_status_filters_and_reads_the_cursor() {
    server.on(
        "GET /api/v1/executions",
        (ex, req) ->
            json(
                ex,
                200,
                """
                {"items":[{"id":"ex_1","flow":"greet","version":"1.0.0","status":"failed",
                           "created_at":"2026-01-01T00:00:00Z","finished_at":null,
                           "error":{"code":"BOOM","message":"it broke","retryable":false}},
                          {"id":"ex_2","flow":"greet","version":"1.0.0","status":"paused_by_a_newer_server",
                           "created_at":"2026-01-01T00:00:00Z"}],
                 "next_cursor":"c2"}"""));

    var page =
        client.listExecutions(
            ExecutionQuery.all()
                .withFlow("greet")
                .withStatuses(List.of(ExecutionStatus.FAILED, ExecutionStatus.CANCELLED))
                .withLimit(2));

    assertThat(server.requests.getFirst().query())
        .isEqualTo("flow=greet&status=failed&status=cancelled&limit=2");
    assertThat(page.nextCursor()).isEqualTo("c2");
    assertThat(page.items())
        .extracting(ExecutionSummary::status)
        .containsExactly(ExecutionStatus.FAILED, ExecutionStatus.UNKNOWN);
    assertThat(page.items().getFirst().error().code()).isEqualTo("BOOM");
  }

  @Test
  void start_sends_inputs_and_version_and_encodes_the_flow_id() {
    server.on(
        "POST /api/v1/flows/my flow/executions",
        (ex, req) ->
            json(ex, 202, "{\"id\":\"ex_9\",\"flow\":\"my flow\",\"status\":\"running\"}"));

    Execution started = client.startExecution("my flow", "1.2.0", Map.of("name", "Ada"));

    assertThat(started.id()).isEqualTo("ex_9");
    assertThat(started.status().terminal()).isFalse();
    var request = server.requests.getFirst();
    assertThat(request.path()).isEqualTo("/api/v1/flows/my%20flow/executions");
    assertThat(request.body()).isEqualTo("{\"inputs\":{\"name\":\"Ada\"},\"version\":\"1.2.0\"}");
  }

  @Test
  void history_reads_every_page() {
    server.on(
        "GET /api/v1/executions/ex_1/events",
        (ex, req) -> {
          boolean first = req.query().startsWith("after=0");
          json(
              ex,
              200,
              first
                  ? "{\"items\":[{\"seq\":1,\"type\":\"execution.started\"},{\"seq\":2,\"type\":\"node.started\",\"node\":\"a\",\"attempt\":1}],\"next_cursor\":\"2\"}"
                  : "{\"items\":[{\"seq\":3,\"type\":\"execution.completed\"}],\"next_cursor\":null}");
        });

    assertThat(client.history("ex_1")).extracting(HistoryEvent::seq).containsExactly(1L, 2L, 3L);
    assertThat(server.requests.get(1).query()).startsWith("after=2");
  }

  @Test
  void an_unreachable_server_says_which_one_and_why() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (var offline = client("http://127.0.0.1:" + closedPort, Duration.ofSeconds(45))) {
      assertThatThrownBy(offline::listFlows)
          .isInstanceOf(AispineConnectionException.class)
          .hasMessage("cannot reach http://127.0.0.1:" + closedPort + ": connection refused");
    }
  }

  @Test
  void stream_resumes_with_last_event_id_after_the_connection_drops() throws Exception {
    server.on(
        "GET /api/v1/executions/ex_1/stream",
        (ex, req) -> {
          var out = sse(ex);
          if (req.header("Last-Event-ID") == null) {
            raw(out, ": keep-alive\n\n");
            event(out, "ex_1", 1, "execution.started", null);
            event(out, "ex_1", 2, "node.started", "a");
            return; // the connection ends before the execution does
          }
          event(out, "ex_1", 3, "node.completed", "a");
          event(out, "ex_1", 4, "execution.completed", null);
          event(out, "ex_1", 5, "never.delivered", null);
        });
    var seen = new java.util.concurrent.CopyOnWriteArrayList<StreamEvent>();

    var stream = client.stream("ex_1", null, seen::add);
    assertThat(stream.await(Duration.ofSeconds(10))).isTrue();

    assertThat(seen).extracting(StreamEvent::seq).containsExactly(1L, 2L, 3L, 4L);
    assertThat(seen.get(2).node()).isEqualTo("a");
    assertThat(seen.getLast().executionStatus()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(stream.reconnects()).isEqualTo(1);
    assertThat(stream.lastEventId()).isEqualTo("4");
    assertThat(server.requests.get(1).header("Last-Event-ID")).isEqualTo("2");
    assertThat(server.requests.get(1).header("Accept")).isEqualTo("text/event-stream");
  }

  @Test
  void stream_starts_after_the_given_last_event_id() throws Exception {
    server.on(
        "GET /api/v1/executions/ex_1/stream",
        (ex, req) -> {
          var out = sse(ex);
          event(
              out,
              "ex_1",
              Long.parseLong(req.header("Last-Event-ID")) + 1,
              "execution.failed",
              null);
        });
    var seen = new java.util.concurrent.CopyOnWriteArrayList<StreamEvent>();

    client.stream("ex_1", "41", seen::add).await();

    assertThat(seen).extracting(StreamEvent::seq).containsExactly(42L);
  }

  @Test
  void a_silent_stream_is_dropped_and_resumed_after_the_idle_timeout() throws Exception {
    server.on(
        "GET /api/v1/executions/ex_1/stream",
        (ex, req) -> {
          var out = sse(ex);
          if (req.header("Last-Event-ID") == null) {
            event(out, "ex_1", 1, "execution.started", null);
            sleepQuietly(Duration.ofSeconds(10)); // a half-open connection: no bytes, no close
            return;
          }
          event(out, "ex_1", 2, "execution.completed", null);
        });
    var seen = new java.util.concurrent.CopyOnWriteArrayList<StreamEvent>();

    try (var impatient = client(server.url(), Duration.ofMillis(300))) {
      var stream = impatient.stream("ex_1", null, seen::add);
      assertThat(stream.await(Duration.ofSeconds(5))).isTrue();
    }

    assertThat(seen).extracting(StreamEvent::seq).containsExactly(1L, 2L);
  }

  @Test
  void a_stream_refused_with_404_fails_at_once_without_retrying() throws Exception {
    var stream = client.stream("ex_missing", null, e -> {});

    assertThatThrownBy(() -> stream.await(Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(
            AispineApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(server.requests).hasSize(1);
  }

  @Test
  void a_stream_to_an_unreachable_server_fails_fast() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (var offline = client("http://127.0.0.1:" + closedPort, Duration.ofSeconds(45))) {
      var stream = offline.stream("ex_1", null, e -> {});
      assertThatThrownBy(() -> stream.await(Duration.ofSeconds(5)))
          .isInstanceOf(AispineConnectionException.class)
          .hasMessageContaining("connection refused");
    }
  }

  @Test
  void close_stops_the_global_stream() throws Exception {
    server.on(
        "GET /api/v1/events/stream",
        (ex, req) -> {
          var out = sse(ex);
          event(out, "ex_1", 1, "execution.started", null);
          sleepQuietly(Duration.ofSeconds(10));
        });
    var first = new java.util.concurrent.CountDownLatch(1);

    var stream = client.streamAll(null, e -> first.countDown());
    assertThat(first.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    stream.close();

    assertThat(stream.await(Duration.ofSeconds(2))).isTrue();
    assertThat(stream.isOpen()).isFalse();
  }

  @Test
  void an_exception_from_the_consumer_ends_the_stream_and_is_rethrown_by_await() {
    server.on(
        "GET /api/v1/executions/ex_1/stream",
        (ex, req) -> event(sse(ex), "ex_1", 1, "execution.started", null));

    var stream =
        client.stream(
            "ex_1",
            null,
            e -> {
              throw new IllegalStateException("consumer broke");
            });

    assertThatThrownBy(() -> stream.await(Duration.ofSeconds(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("consumer broke");
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
