package io.aispine.agents.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agent.BuiltinAgents;
import io.aispine.agents.outbound.OutboundHttp;
import io.aispine.agents.serve.AgentServer;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.Usage;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Client and server of the contract talking real HTTP on 127.0.0.1. */
class HttpAgentThroughAgentServerTest {

  private static final String SECRET = "test-secret-which-must-never-leak";

  private final List<AgentServer> servers = new ArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(AgentServer::close);
  }

  private URI serve(Agent agent, String secret) {
    AgentServer server = AgentServer.start(agent, "test-agent", "1.2.3", 0, secret);
    servers.add(server);
    return URI.create("http://127.0.0.1:" + server.port());
  }

  private static Agent echo() {
    return BuiltinAgents.load().resolve("echo@^1").orElseThrow();
  }

  @Test
  void round_trips_the_echo_agents_input_through_the_server() throws Exception {
    var agent = new HttpAgent(serve(echo(), SECRET), SECRET);
    Map<String, Object> input =
        Map.of("name", "Ada", "tags", List.of("a", "b"), "nested", Map.of("n", 42, "ok", true));

    AgentResult result = agent.execute(Calls.call(input));

    assertThat(result).isInstanceOf(AgentResult.Success.class);
    assertThat(((AgentResult.Success) result).output()).isEqualTo(input);
  }

  @Test
  void carries_usage_back_in_the_success() throws Exception {
    var usage = new Usage("gpt-4o-mini", 1200, 345, 0.00123);
    var agent =
        new HttpAgent(serve(call -> new AgentResult.Success(Map.of("a", 1), usage), null), null);

    var result = (AgentResult.Success) agent.execute(Calls.call(Map.of()));

    assertThat(result.usage()).isEqualTo(usage);
    assertThat(result.output()).isEqualTo(Map.of("a", 1));
  }

  @Test
  void hands_the_served_agent_the_call_with_its_key_trace_context_and_timeout() throws Exception {
    var seen = new AtomicReference<AgentCall>();
    var agent =
        new HttpAgent(
            serve(
                call -> {
                  seen.set(call);
                  return AgentResult.success(null);
                },
                SECRET),
            SECRET);
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    agent.execute(
        Calls.call(
            Map.of("x", 1),
            Map.of("traceparent", traceparent, "flow", "kyc"),
            Duration.ofSeconds(7)));

    AgentCall call = seen.get();
    assertThat(call.executionId()).isEqualTo("ex_test");
    assertThat(call.nodePath()).isEqualTo("review/2/ocr");
    assertThat(call.attempt()).isEqualTo(1);
    assertThat(call.idempotencyKey()).isEqualTo("ex_test/review/2/ocr/1");
    assertThat(call.action()).isEqualTo("scan");
    assertThat(call.inputMap()).isEqualTo(Map.of("x", 1));
    assertThat(call.context())
        .containsEntry("traceparent", traceparent)
        .containsEntry("flow", "kyc");
    assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void returns_the_agents_own_permanent_error_as_a_failure_with_its_code() throws Exception {
    var agent =
        new HttpAgent(
            serve(
                call -> {
                  throw new AgentException.Permanent("NO_MATCH", "no reservation for +34 600");
                },
                SECRET),
            SECRET);

    AgentResult result = agent.execute(Calls.call(Map.of()));

    assertThat(result)
        .isEqualTo(
            AgentResult.failure(ErrorInfo.permanent("NO_MATCH", "no reservation for +34 600")));
  }

  @Test
  void returns_the_agents_retryable_error_as_a_retryable_failure() throws Exception {
    var agent =
        new HttpAgent(
            serve(call -> AgentResult.failure(ErrorInfo.retryable("BUSY", "try later")), null),
            null);

    assertThat(agent.execute(Calls.call(Map.of())))
        .isEqualTo(AgentResult.failure(ErrorInfo.retryable("BUSY", "try later")));
  }

  @Test
  void a_wrong_secret_is_refused_with_401_and_mapped_to_a_permanent_error() {
    var agent = new HttpAgent(serve(echo(), SECRET), "another-secret");

    assertThatThrownBy(() -> agent.execute(Calls.call(Map.of())))
        .isInstanceOfSatisfying(
            AgentException.Permanent.class, e -> assertThat(e.code()).isEqualTo("AGENT_HTTP_401"))
        .hasMessageContaining("Invalid signature")
        .message()
        .doesNotContain(SECRET)
        .doesNotContain("another-secret");
  }

  @Test
  void an_unsigned_call_to_a_signing_agent_is_refused_as_missing_signature() {
    var agent = new HttpAgent(serve(echo(), SECRET), null);

    assertThatThrownBy(() -> agent.execute(Calls.call(Map.of())))
        .isInstanceOf(AgentException.Permanent.class)
        .hasMessageContaining("401")
        .hasMessageContaining("missing header AISpine-Id");
  }

  @Test
  void a_signature_timestamp_ten_minutes_old_is_refused_as_expired() {
    var staleClock = InstantSource.fixed(Instant.now().minus(Duration.ofMinutes(10)));
    var agent =
        new HttpAgent(
            serve(echo(), SECRET),
            SECRET,
            Duration.ofSeconds(30),
            staleClock,
            OutboundHttp.forThisProcess());

    assertThatThrownBy(() -> agent.execute(Calls.call(Map.of())))
        .isInstanceOf(AgentException.Permanent.class)
        .hasMessageContaining("401")
        .hasMessageContaining("AISpine-Timestamp is 6");
  }

  @Test
  void a_slow_agent_times_out_as_retryable_and_is_interrupted_on_the_server() throws Exception {
    var interrupted = new CountDownLatch(1);
    var agent =
        new HttpAgent(
            serve(
                call -> {
                  try {
                    Thread.sleep(30_000);
                    return AgentResult.success("too late");
                  } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                  }
                },
                null),
            null);

    long started = System.nanoTime();
    assertThatThrownBy(() -> agent.execute(Calls.call(Map.of(), Map.of(), Duration.ofMillis(300))))
        .isInstanceOfSatisfying(
            AgentException.Unreachable.class, e -> assertThat(e.code()).isEqualTo("TIMEOUT"))
        .hasMessageContaining("300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("server-side agent interrupted").isTrue();
  }

  @Test
  void a_refused_connection_is_a_retryable_outage() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var agent = new HttpAgent(URI.create("http://127.0.0.1:" + closedPort), SECRET);

    assertThatThrownBy(() -> agent.execute(Calls.call(Map.of())))
        .isInstanceOfSatisfying(
            AgentException.Unreachable.class,
            e -> {
              assertThat(e.code()).isEqualTo("AGENT_UNREACHABLE");
              assertThat(e.toErrorInfo().retryable()).isTrue();
            });
  }

  @Test
  void reports_health_with_name_version_and_latency() throws Exception {
    HealthReport report = new HttpAgent(serve(echo(), SECRET), SECRET).health();

    assertThat(report.healthy()).isTrue();
    assertThat(report.status()).isEqualTo("ok");
    assertThat(report.name()).isEqualTo("test-agent");
    assertThat(report.version()).isEqualTo("1.2.3");
    assertThat(report.latency()).isPositive().isLessThan(HttpAgent.HEALTH_TIMEOUT);
  }

  @Test
  void reports_an_unreachable_agent_as_down_instead_of_throwing() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HealthReport report =
        new HttpAgent(URI.create("http://127.0.0.1:" + closedPort), null).health();

    assertThat(report.healthy()).isFalse();
    assertThat(report.status()).isEqualTo(HealthReport.DOWN);
    assertThat(report.problem()).contains("cannot reach");
  }
}
