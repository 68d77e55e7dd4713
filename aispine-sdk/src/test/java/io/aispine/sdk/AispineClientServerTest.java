package io.aispine.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.api.Agent;
import io.aispine.api.AgentVersion;
import io.aispine.api.Execution;
import io.aispine.api.ExecutionStatus;
import io.aispine.api.ExecutionSummary;
import io.aispine.api.FlowSummary;
import io.aispine.api.HistoryEvent;
import io.aispine.api.NodeState;
import io.aispine.api.ReplayOrigin;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the real server on a random port over a temporary SQLite data dir. */
class AispineClientServerTest {

  private static final String HELLO =
      """
      id: hello
      version: 1.0.0
      description: Says hello
      inputs:
        name: {type: string, required: true}
      nodes:
        - id: greet
          agent: echo
          with: {message: "Hello, ${inputs.name}!"}
        - id: shout
          agent: echo
          needs: [greet]
          with: {message: "${nodes.greet.output.message}!!"}
      outputs:
        message: "${nodes.shout.output.message}"
      """;

  @TempDir Path dataDir;
  private AispineServer server;
  private AispineClient client;

  @BeforeEach
  void start() {
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    client = client(server.adminKeyCreated().orElseThrow());
  }

  private AispineClient client(String token) {
    return AispineClient.builder()
        .baseUrl("http://127.0.0.1:" + server.port())
        .token(token)
        .reconnectPolicy(
            new ReconnectPolicy(
                Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(30)))
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void deploys_starts_streams_and_reads_an_execution_to_its_end() throws Exception {
    FlowDeployment deployed = client.deployApprovedFlow(HELLO);
    assertThat(deployed.created()).isTrue();
    assertThat(client.deployApprovedFlow(HELLO).created()).isFalse();
    assertThat(client.listFlows()).extracting(FlowSummary::id).contains("hello");
    assertThat(client.getFlow("hello").inputs().get("name").type()).isEqualTo("string");

    Execution started = client.startExecution("hello", Map.of("name", "Ada"));
    var events = new CopyOnWriteArrayList<StreamEvent>();
    EventStream stream = client.stream(started.id(), null, events::add);
    assertThat(stream.await(Duration.ofSeconds(30))).isTrue();

    assertThat(events.getLast().type()).isEqualTo("execution.completed");
    assertThat(events)
        .filteredOn(e -> "node.completed".equals(e.type()))
        .extracting(StreamEvent::node)
        .containsExactly("greet", "shout");
    assertThat(events).allSatisfy(e -> assertThat(e.executionId()).isEqualTo(started.id()));
    Execution finished = client.getExecution(started.id());
    assertThat(finished.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(finished.outputs()).containsEntry("message", "Hello, Ada!!!");
    assertThat(finished.agents()).containsEntry("echo", "echo@1.0.0");
    assertThat(client.history(started.id()))
        .extracting(HistoryEvent::seq)
        .containsExactlyElementsOf(events.stream().map(StreamEvent::seq).toList());
  }

  @Test
  void registers_shows_and_deprecates_agent_versions_with_their_manifests() {
    Map<String, Object> manifest =
        Map.of(
            "name", "greeter",
            "version", "1.0.0",
            "description", "Greets",
            "category", "messaging",
            "input_schema", Map.of("type", "object", "required", List.of("name")),
            "limits", Map.of("rate_per_minute", 30));
    Agent registered = client.registerAgent(manifest, "http://127.0.0.1:1", "s3cret");
    client.registerAgent(Map.of("name", "greeter", "version", "1.1.0"), "http://127.0.0.1:1", null);

    assertThat(registered.latest()).isEqualTo("1.0.0");
    AgentVersion first = client.getAgentVersion("greeter", "1.0.0");
    assertThat(first.category()).isEqualTo("messaging");
    assertThat(first.inputSchema())
        .isEqualTo(Map.of("type", "object", "required", List.of("name")));
    assertThat(first.limits().ratePerMinute()).isEqualTo(30);
    assertThat(first.signed()).isTrue();
    assertThat(first.circuit().state()).isEqualTo("closed");

    AgentVersion deprecated = client.deprecateAgent("greeter", "1.1.0", "use 1.0.0");
    assertThat(deprecated.deprecated()).isTrue();
    assertThat(deprecated.deprecationReason()).isEqualTo("use 1.0.0");
    assertThat(deprecated.deprecatedAt()).isNotNull();
    assertThat(client.getAgent("greeter").latest()).isEqualTo("1.0.0");
    assertThat(client.undeprecateAgent("greeter", "1.1.0").deprecated()).isFalse();
    assertThat(client.getAgent("greeter").latest()).isEqualTo("1.1.0");

    assertThatThrownBy(() -> client.getAgentVersion("greeter", "9.0.0"))
        .isInstanceOfSatisfying(
            AispineApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(
            () ->
                client.registerAgent(
                    Map.of("name", "greeter", "version", "2.0.0", "pricing", Map.of("model", "x")),
                    "http://127.0.0.1:1",
                    null))
        .isInstanceOfSatisfying(
            AispineApiException.class,
            e -> assertThat(e.problem().errors().getFirst().pointer()).isEqualTo("/pricing/model"));
  }

  @Test
  void a_stream_resumed_from_an_event_id_skips_what_was_seen() throws Exception {
    client.deployApprovedFlow(HELLO);
    Execution started = client.startExecution("hello", Map.of("name", "Bo"));
    var all = new CopyOnWriteArrayList<StreamEvent>();
    client.stream(started.id(), null, all::add).await();

    var rest = new CopyOnWriteArrayList<StreamEvent>();
    String resumeAfter = all.get(2).id();
    client.stream(started.id(), resumeAfter, rest::add).await();

    assertThat(rest)
        .extracting(StreamEvent::seq)
        .containsExactlyElementsOf(
            all.subList(3, all.size()).stream().map(StreamEvent::seq).toList());
  }

  @Test
  void replays_an_execution_from_a_node_with_an_overridden_output_and_links_it() throws Exception {
    client.deployApprovedFlow(HELLO);
    Execution origin = client.startExecution("hello", Map.of("name", "Ada"));
    client.stream(origin.id(), null, e -> {}).await();

    Execution replay =
        client.replayExecution(
            origin.id(), "shout", null, Map.of("greet", Map.of("message", "Hi, Bo!")));
    client.stream(replay.id(), null, e -> {}).await();
    Execution done = client.getExecution(replay.id());

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.outputs()).isEqualTo(Map.of("message", "Hi, Bo!!!"));
    assertThat(done.replayOf())
        .isEqualTo(new ReplayOrigin(origin.id(), "shout", List.of("greet"), List.of("greet")));
    assertThat(done.nodes())
        .extracting(NodeState::path, NodeState::reused, n -> n.runs().size())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("greet", true, 0),
            org.assertj.core.groups.Tuple.tuple("shout", false, 1));
    assertThat(client.getExecution(origin.id()).replayOf()).isNull();
    assertThatThrownBy(() -> client.replayExecution(origin.id(), "shuot", null, null))
        .isInstanceOfSatisfying(
            AispineApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.toString()).contains("did you mean 'shout'");
            });
  }

  @Test
  void an_invalid_flow_is_refused_with_line_and_column() {
    String broken = HELLO.replace("needs: [greet]", "needs: [gret]");

    assertThatThrownBy(() -> client.deployFlow(broken))
        .isInstanceOfSatisfying(
            AispineApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.problem().errors()).isNotEmpty();
              assertThat(e.problem().errors().getFirst().line()).isNotNull();
              assertThat(e.toString()).contains("gret").contains("line ");
            });
  }

  @Test
  void an_unknown_key_is_refused_with_401() {
    try (var stranger = client("not-a-key")) {
      assertThatThrownBy(stranger::listFlows)
          .isInstanceOfSatisfying(
              AispineApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }
  }

  @Test
  void lists_filters_and_cancels_executions() throws Exception {
    client.deployApprovedFlow(
        """
        id: nap
        version: 1.0.0
        nodes:
          - {id: nap, agent: sleep, with: {ms: 60000}}
        """);
    Execution running = client.startExecution("nap", Map.of());

    var page =
        client.listExecutions(
            ExecutionQuery.all().withFlow("nap").withStatuses(List.of(ExecutionStatus.RUNNING)));
    assertThat(page.items()).extracting(ExecutionSummary::id).containsExactly(running.id());

    client.cancelExecution(running.id());
    var stream = client.stream(running.id(), null, e -> {});
    assertThat(stream.await(Duration.ofSeconds(30))).isTrue();
    assertThat(client.getExecution(running.id()).status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThatThrownBy(() -> client.cancelExecution(running.id()))
        .isInstanceOfSatisfying(
            AispineApiException.class, e -> assertThat(e.status()).isEqualTo(409));
  }

  @Test
  void a_stream_survives_a_server_restart_and_resumes_without_gaps() throws Exception {
    client.deployApprovedFlow(
        """
        id: chain
        version: 1.0.0
        nodes:
          - {id: s1, agent: sleep, with: {ms: 300}}
          - {id: s2, agent: sleep, needs: [s1], with: {ms: 300}}
          - {id: s3, agent: sleep, needs: [s2], with: {ms: 300}}
        """);
    int port = server.port();
    Execution started = client.startExecution("chain", Map.of());
    var events = new CopyOnWriteArrayList<StreamEvent>();
    var firstCompleted = new java.util.concurrent.CountDownLatch(1);
    EventStream stream =
        client.stream(
            started.id(),
            null,
            e -> {
              events.add(e);
              if ("node.completed".equals(e.type())) {
                firstCompleted.countDown();
              }
            });
    assertThat(firstCompleted.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    server.close(); // the stream drops; the execution stays durable
    server = AispineServer.start(new ServerConfig("127.0.0.1", port, dataDir, null));

    assertThat(stream.await(Duration.ofSeconds(30))).isTrue();
    assertThat(stream.reconnects()).isPositive();
    List<Long> seqs = events.stream().map(StreamEvent::seq).toList();
    assertThat(seqs).doesNotHaveDuplicates().isSorted();
    assertThat(seqs)
        .containsExactlyElementsOf(
            client.history(started.id()).stream().map(HistoryEvent::seq).toList());
    assertThat(events.getLast().type()).isEqualTo("execution.completed");
  }
}
