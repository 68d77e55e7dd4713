package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.agent.AgentResult;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.serve.AgentServer;
import io.aispine.agentsdk.AgentManifest;
import io.aispine.agentsdk.AispineAgent;
import io.aispine.cli.command.ExitCodes;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code aispine agent test URL} against agents served in-process. */
class AgentTestCommandTest {

  private static AgentServer greeter(String secret) {
    var manifest = AgentManifest.fromResource("/agents/greeter.json");
    return AispineAgent.of(manifest)
        .secret(secret)
        .handle(call -> Map.of("greeting", "Hello " + call.input().get("name")))
        .serve(0);
  }

  private static String url(AgentServer server) {
    return "http://127.0.0.1:" + server.port();
  }

  @Test
  void certifies_an_sdk_agent_with_a_readable_report() {
    try (var server = greeter(null)) {
      CliRun run = CliRun.of("agent", "test", url(server), "--requests", "200");

      assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
      assertThat(run.out())
          // health is timed, so on a busy machine it may warn; it never fails a healthy agent.
          .doesNotContain("FAIL  health")
          .containsPattern("(PASS|WARN)  health")
          .contains("PASS  manifest", "PASS  execute", "PASS  error-contract")
          .contains("PASS  idempotency", "PASS  concurrency", "PASS  stability", "p99")
          .contains("CERTIFIED: greeter@1.0.0");
    }
  }

  @Test
  void signs_calls_for_an_agent_that_checks_signatures() {
    try (var server = greeter("cert-secret")) {
      assertThat(CliRun.of("agent", "test", url(server), "--requests", "50").exitCode())
          .isEqualTo(ExitCodes.FAILED);
      CliRun signed =
          CliRun.of("agent", "test", url(server), "--requests", "50", "--secret", "cert-secret");
      assertThat(signed.exitCode()).as(signed.out()).isZero();
    }
  }

  @Test
  void refuses_to_certify_a_broken_agent_and_names_the_failed_checks() throws Exception {
    var counter = new AtomicInteger();
    // No manifest, and a new answer on every delivery: not idempotent.
    try (var server =
        AgentServer.start(
            call -> AgentResult.success(Map.of("n", counter.incrementAndGet())),
            "broken",
            "1.0.0",
            0,
            null)) {
      CliRun run = CliRun.of("agent", "test", url(server), "--requests", "50", "-o", "json");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
      var report = ContractJson.mapper().readTree(run.out());
      assertThat(report.path("verdict").asText()).isEqualTo("not certified");
      assertThat(report.path("certified").asBoolean()).isFalse();
      assertThat(report.path("checks").toString())
          .contains("\"name\":\"manifest\",\"status\":\"FAIL\"")
          .contains("\"name\":\"idempotency\",\"status\":\"FAIL\"")
          .doesNotContain("\"name\":\"health\",\"status\":\"FAIL\"");
      assertThat(report.path("latency_ms").path("requests").asInt()).isEqualTo(50);
    }
  }

  @Test
  void rejects_a_target_that_is_not_a_url() {
    CliRun run = CliRun.of("agent", "test", "ftp://nope");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}
