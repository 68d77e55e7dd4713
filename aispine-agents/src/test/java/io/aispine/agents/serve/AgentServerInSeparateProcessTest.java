package io.aispine.agents.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.agent.AgentResult;
import io.aispine.agents.remote.HealthReport;
import io.aispine.agents.remote.HttpAgent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The process-to-process proof: the echo agent served by one JVM, called from this one. */
class AgentServerInSeparateProcessTest {

  private static final String SECRET = "cross-process-secret";

  @Test
  void calls_the_echo_agent_served_by_another_jvm_over_signed_http() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process child =
        new ProcessBuilder(
                List.of(
                    java,
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    EchoAgentServerMain.class.getName(),
                    SECRET))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      var stdout =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String portLine =
          CompletableFuture.supplyAsync(() -> readLine(stdout)).get(30, TimeUnit.SECONDS);
      var agent = new HttpAgent(URI.create("http://127.0.0.1:" + portLine.strip()), SECRET);

      HealthReport health = agent.health();
      AgentResult result =
          agent.execute(
              new io.aispine.agent.AgentCall(
                  "ex_proc",
                  "greet",
                  1,
                  "ex_proc/greet/1",
                  null,
                  Map.of("greeting", "hello", "n", 3),
                  Map.of(),
                  Duration.ofSeconds(10)));

      assertThat(health.healthy()).as(health.toString()).isTrue();
      assertThat(health.name()).isEqualTo("echo");
      assertThat(result).isEqualTo(AgentResult.success(Map.of("greeting", "hello", "n", 3)));
      assertThat(child.pid()).isNotEqualTo(ProcessHandle.current().pid());
    } finally {
      child.getOutputStream().close();
      if (!child.waitFor(10, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
  }

  private static String readLine(BufferedReader reader) {
    try {
      String line = reader.readLine();
      if (line == null) {
        throw new IllegalStateException("the agent process exited before printing its port");
      }
      return line;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
