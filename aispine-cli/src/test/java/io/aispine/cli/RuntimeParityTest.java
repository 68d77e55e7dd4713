package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.agent.AgentResult;
import io.aispine.agents.serve.AgentServer;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import io.aispine.store.jdbc.JdbcStore;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One flow, one misbehaving agent on loopback, run twice: by {@code aispine run} in this process
 * and by a server. Both go through the same agent runtime, so the nodes' histories tell the same
 * story, event for event: the same failed attempts, the same circuit, the same schema check, the
 * same fallback.
 */
class RuntimeParityTest {

  @TempDir Path home;
  @TempDir Path localData;
  @TempDir Path serverData;

  private AgentServer agent;

  @AfterEach
  void stopAgent() {
    if (agent != null) {
      agent.close();
    }
    System.clearProperty("aispine.config");
  }

  @Test
  void the_circuit_opens_after_the_same_outages_and_the_fallback_serves_locally_as_on_a_server()
      throws Exception {
    String down = "http://127.0.0.1:" + freePort(); // nothing listens: every call is an outage
    Path flow =
        writeFlow(
            """
            id: parity-circuit
            version: 1.0.0
            nodes:
              - id: call
                agent: flaky
                with: {text: hi}
                retry: {max_attempts: 6, backoff: fixed, initial: 10ms, jitter: none}
                fallback: echo
            """);

    List<String> local = runLocally(flow, "flaky=" + down);
    List<String> server = runOnServer(flow, "parity-circuit", "flaky", down, "--version", "1.0.0");

    assertThat(local)
        .as("five outages open the circuit")
        .filteredOn(e -> e.startsWith("node.retrying call"))
        .hasSize(5)
        .allMatch(e -> e.contains("AGENT_UNREACHABLE"));
    assertThat(local)
        .as("the sixth attempt goes to the fallback")
        .anyMatch(e -> e.startsWith("node.completed call 6") && e.endsWith("served_by=echo"))
        .endsWith("ended succeeded");
    assertThat(local).isEqualTo(server);
  }

  @Test
  void an_output_that_breaks_the_manifest_schema_fails_with_the_same_error_locally_as_on_a_server()
      throws Exception {
    Map<String, Object> manifest =
        Map.of(
            "name",
            "greeter",
            "version",
            "1.0.0",
            "output_schema",
            Map.of(
                "type", "object",
                "required", List.of("greeting"),
                "properties", Map.of("greeting", Map.of("type", "string"))));
    agent =
        AgentServer.startWithManifest(
            call -> AgentResult.success(Map.of("said", "hi")),
            "greeter",
            "1.0.0",
            "127.0.0.1",
            0,
            null,
            manifest);
    String url = "http://127.0.0.1:" + agent.port();
    Path flow =
        writeFlow(
            """
            id: parity-schema
            version: 1.0.0
            nodes:
              - id: greet
                agent: greeter
                with: {name: Ada}
            """);

    List<String> local = runLocally(flow, "greeter=" + url);
    List<String> server = runOnServer(flow, "parity-schema", url);

    assertThat(local)
        .contains(
            "node.failed greet 1 OUTPUT_SCHEMA_VIOLATION output does not match the output_schema"
                + " of agent greeter@1.0.0: /greeting: required: required property 'greeting' not"
                + " found");
    assertThat(local).isEqualTo(server);
  }

  /** {@code aispine run FLOW --agent NAME=URL}, then the history it stored. */
  private List<String> runLocally(Path flow, String agentOption) {
    var run =
        CliRun.of(
            "run",
            flow.toString(),
            "--agent",
            agentOption,
            "--data-dir",
            localData.toString(),
            "-o",
            "json");
    assertThat(run.err()).doesNotContain("Exception");
    return story(localData);
  }

  /** Registers the agent with a server, deploys and runs the flow there, then its history. */
  private List<String> runOnServer(Path flow, String flowId, String... register) {
    System.setProperty("aispine.config", home.resolve("config.yaml").toString());
    try (var server = AispineServer.start(new ServerConfig("127.0.0.1", 0, serverData, null))) {
      String[] remote = {
        "--url", "http://127.0.0.1:" + server.port(), "--token", server.adminKeyCreated().get()
      };
      var registered =
          CliRun.of(concat(concat(new String[] {"agent", "register"}, register), remote));
      assertThat(registered.exitCode()).as(registered.err()).isZero();
      var deployed =
          CliRun.of(concat(new String[] {"flow", "deploy", "--approve", flow.toString()}, remote));
      assertThat(deployed.exitCode()).as(deployed.err()).isZero();
      CliRun.of(concat(new String[] {"flow", "run", flowId, "--wait"}, remote));
    }
    return story(serverData);
  }

  /**
   * The history of the one execution on the store at {@code dataDir}, one line per event: its type,
   * node, attempt, error code and message, deferral reason and the agent that served it; without
   * times and durations, which differ from run to run.
   */
  private static List<String> story(Path dataDir) {
    try (var store = JdbcStore.openDataDir(dataDir)) {
      ExecutionState execution = store.executions().list(null, 10).getFirst();
      List<String> lines = new ArrayList<>();
      for (ExecutionEvent event : store.executions().events(execution.id(), 0, 1000)) {
        var line = new StringBuilder(event.type().wireName());
        if (event.nodePath() != null) {
          line.append(' ').append(event.nodePath()).append(' ').append(event.attempt());
        }
        if (event.data().get("error") instanceof Map<?, ?> error) {
          line.append(' ').append(error.get("code")).append(' ').append(error.get("message"));
        }
        if (event.data().get("reason") != null) {
          line.append(" reason=").append(event.data().get("reason"));
        }
        if (event.data().get("served_by") != null) {
          line.append(" served_by=").append(event.data().get("served_by"));
        }
        lines.add(line.toString());
      }
      lines.add("ended " + execution.status().wireName());
      return lines;
    }
  }

  private Path writeFlow(String yaml) throws Exception {
    return Files.writeString(Files.createTempFile(home, "flow", ".yaml"), yaml);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static int freePort() throws Exception {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
