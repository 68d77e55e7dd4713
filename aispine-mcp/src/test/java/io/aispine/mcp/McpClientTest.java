package io.aispine.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.agent.BuiltinAgents;
import io.aispine.agents.outbound.OutboundAllowlist;
import io.aispine.agents.outbound.OutboundPolicy;
import io.aispine.engine.EngineOptions;
import io.aispine.engine.runtime.DurableEngine;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.FlowParser;
import io.aispine.store.McpServers;
import io.aispine.store.McpServers.Permission;
import io.aispine.store.McpServers.Server;
import io.aispine.store.McpServers.Stdio;
import io.aispine.store.McpServers.Timeouts;
import io.aispine.store.McpServers.ToolPolicy;
import io.aispine.store.Workspace;
import io.aispine.store.WorkspaceStore;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flows call tools of the real reference server {@code server-everything}, over stdio and over
 * streamable HTTP, through the engine on a real SQLite store: permissions, input schemas, the
 * allowlist and reconnection are checked on the way.
 */
class McpClientTest {

  private static final String WS = Workspace.DEFAULT;

  @TempDir Path dataDir;

  private JdbcStore store;
  private McpSessions sessions;
  private McpServerCatalog catalog;
  private DurableEngine engine;

  @BeforeEach
  void open() {
    store = JdbcStore.openDataDir(dataDir);
    sessions = new McpSessions((workspace, name) -> Optional.empty(), Clock.systemUTC());
    catalog =
        new McpServerCatalog(
            store.mcpServers(), sessions, OutboundPolicy.localProcess(OutboundAllowlist.none()));
    var workspaces = store.workspaces();
    var agent =
        new McpAgent(
            store.mcpServers(),
            id -> workspaces.ownerOf(WorkspaceStore.Owned.EXECUTION, id).orElse(WS),
            sessions);
    engine =
        DurableEngine.create(
            store,
            BuiltinAgents.load().with(new McpAgentProvider(agent)),
            EngineOptions.defaults().withShutdownGrace(Duration.ZERO));
  }

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
    sessions.close();
    store.close();
  }

  @Test
  void flow_calls_echo_and_sum_over_stdio_end_to_end() throws Exception {
    addStdio(ToolPolicy.ALLOW_ALL);

    ExecutionState done = run(echoAndSum("hello from a flow"));

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(output(done, "say")).containsEntry("text", "Echo: hello from a flow");
    assertThat(output(done, "say")).containsEntry("is_error", false);
    assertThat((String) output(done, "sum").get("text")).contains("3");
    var status = sessions.status(store.mcpServers().find(WS, "everything").orElseThrow());
    assertThat(status.connected()).isTrue();
    assertThat(status.tools()).extracting(t -> t.name()).contains("echo", "get-sum");
  }

  @Test
  void flow_calls_a_tool_over_streamable_http() throws Exception {
    try (var http = EverythingServer.startHttp()) {
      store.mcpServers().allow(WS, http.url());
      catalog.add(
          new Server(
              WS,
              "everything",
              new McpServers.Http(http.url(), Map.of()),
              Timeouts.DEFAULT,
              ToolPolicy.ALLOW_ALL,
              Instant.now()));

      ExecutionState done = run(echoAndSum("over http"));

      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(output(done, "say")).containsEntry("text", "Echo: over http");
    }
  }

  @Test
  void arguments_that_break_the_input_schema_fail_the_node_naming_the_field() throws Exception {
    addStdio(ToolPolicy.ALLOW_ALL);

    ExecutionState done =
        run(
            """
            id: bad-args
            version: 1.0.0
            nodes:
              - id: sum
                mcp: everything/get-sum
                with: {a: "one", b: 2}
            """);

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    var error = done.node("sum").error();
    assertThat(error.code()).isEqualTo(McpAgent.INVALID_ARGUMENTS);
    assertThat(error.retryable()).isFalse();
    assertThat(error.message()).contains("/a").contains("everything/get-sum");
  }

  @Test
  void denied_tool_fails_its_node_and_allowed_ones_still_run() throws Exception {
    addStdio(new ToolPolicy(Map.of("echo", Permission.DENY), Permission.ALLOW));

    ExecutionState done = run(echoAndSum("never said"));

    assertThat(done.node("say").status()).isEqualTo(NodeStatus.FAILED);
    assertThat(done.node("say").error().code()).isEqualTo(McpAgent.DENIED);
    assertThat(done.node("say").error().message()).contains("denied").contains("echo");
  }

  @Test
  void a_tool_error_fails_the_node_with_the_tools_message() throws Exception {
    addStdio(ToolPolicy.ALLOW_ALL);

    ExecutionState done =
        run(
            """
            id: tool-error
            version: 1.0.0
            nodes:
              - id: ref
                mcp: everything/get-resource-reference
                with: {resourceType: Text, resourceId: 0}
            """);

    var error = done.node("ref").error();
    assertThat(error.code()).isEqualTo(McpAgent.TOOL_ERROR);
    assertThat(error.retryable()).isFalse();
    assertThat(error.message()).contains("Invalid resourceId: 0");
  }

  @Test
  void server_not_on_the_allowlist_is_refused() throws Exception {
    var server = stdioServer(ToolPolicy.ALLOW_ALL);

    assertThatThrownBy(() -> catalog.add(server))
        .isInstanceOf(McpRefusedException.class)
        .hasMessageContaining("not on the allowlist")
        .hasMessageContaining("aispine mcp allow");
    assertThat(store.mcpServers().list(WS)).isEmpty();
  }

  @Test
  void url_the_outbound_policy_refuses_is_not_added_even_when_allowlisted() {
    var publicOnly =
        new McpServerCatalog(
            store.mcpServers(), sessions, OutboundPolicy.publicOnly(OutboundAllowlist.none()));
    String url = "http://127.0.0.1:9/mcp";
    store.mcpServers().allow(WS, url);

    assertThatThrownBy(
            () ->
                publicOnly.add(
                    new Server(
                        WS,
                        "internal",
                        new McpServers.Http(url, Map.of()),
                        Timeouts.DEFAULT,
                        ToolPolicy.ALLOW_ALL,
                        Instant.now())))
        .isInstanceOf(McpRefusedException.class)
        .hasMessageContaining("127.0.0.1");
  }

  @Test
  void a_server_that_dies_is_reconnected_and_the_next_call_succeeds() throws Exception {
    addStdio(ToolPolicy.ALLOW_ALL);
    assertThat(run(echoAndSum("first")).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    ProcessHandle first = serverProcess();

    first.destroyForcibly();
    first.onExit().get();

    String id =
        engine.start(FlowParser.parse(echoAndSum("first"), "tools.yaml"), Map.of("text", "second"));
    ExecutionState again = engine.await(id, Duration.ofSeconds(60));
    assertThat(again.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(output(again, "say")).containsEntry("text", "Echo: second");
    assertThat(serverProcess().pid()).isNotEqualTo(first.pid());
  }

  private void addStdio(ToolPolicy policy) throws Exception {
    var server = stdioServer(policy);
    store.mcpServers().allow(WS, server.endpoint().target());
    catalog.add(server);
  }

  private static Server stdioServer(ToolPolicy policy) throws Exception {
    List<String> command = EverythingServer.stdioCommand();
    return new Server(
        WS,
        "everything",
        new Stdio(command.get(0), command.subList(1, command.size()), Map.of()),
        new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(10)),
        policy,
        Instant.now());
  }

  private static ProcessHandle serverProcess() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains("server-everything"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no server-everything process is running"));
  }

  private static String echoAndSum(String text) {
    return """
        id: tools
        version: 1.0.0
        inputs:
          text: {type: string, default: "%s"}
        nodes:
          - id: say
            mcp: everything/echo
            with: {message: "${inputs.text}"}
            retry: {max_attempts: 3, initial: 10ms}
          - id: sum
            mcp: everything/get-sum
            with: {a: 1, b: 2}
            retry: {max_attempts: 3, initial: 10ms}
        """
        .formatted(text);
  }

  private ExecutionState run(String yaml) throws Exception {
    String id = engine.start(FlowParser.parse(yaml, "tools.yaml"), Map.of());
    return engine.await(id, Duration.ofSeconds(60));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> output(ExecutionState state, String node) {
    return (Map<String, Object>) state.node(node).output();
  }
}
