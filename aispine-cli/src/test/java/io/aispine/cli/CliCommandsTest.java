package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.agent.BuiltinAgents;
import io.aispine.agents.contract.SignatureVerifier;
import io.aispine.agents.serve.AgentServer;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.demo.ExamplesDemoCommand;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliCommandsTest {

  @TempDir Path dataDir;

  @org.junit.jupiter.api.BeforeEach
  void noConfiguredServer() {
    // validate asks a configured server for its agents: keep the user's config out of these tests.
    System.setProperty("aispine.config", dataDir.resolve("no-config.yaml").toString());
  }

  @org.junit.jupiter.api.AfterEach
  void forgetConfig() {
    System.clearProperty("aispine.config");
  }

  private static String flow(String name) {
    return Path.of("src/test/resources/flows", name).toString();
  }

  @Test
  void run_prints_one_json_object_with_outputs_and_node_timings() throws Exception {
    var run =
        CliRun.of(
            "run",
            flow("greet.yaml"),
            "--input",
            "name=Ada",
            "--input",
            "times=3",
            "--data-dir",
            dataDir.toString(),
            "--output",
            "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> result = new ObjectMapper().readValue(run.out(), Map.class);
    assertThat(result).containsEntry("status", "succeeded").containsEntry("flow", "greet");
    assertThat(result.get("id").toString()).startsWith("ex_");
    assertThat(result.get("outputs")).isEqualTo(Map.of("greeting", "Hello Ada x3"));
    @SuppressWarnings("unchecked")
    var nodes = (List<Map<String, Object>>) result.get("nodes");
    assertThat(nodes).extracting(n -> n.get("id")).containsExactly("hello", "count", "join");
    assertThat(nodes)
        .allSatisfy(
            n -> {
              assertThat(n).containsEntry("status", "succeeded").containsEntry("attempts", 1);
              assertThat(n.get("started_at")).isNotNull();
              assertThat(n.get("finished_at")).isNotNull();
            });
  }

  @Test
  void run_shows_live_progress_for_each_node() {
    var run =
        CliRun.of("run", flow("greet.yaml"), "-i", "name=Bo", "--data-dir", dataDir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Running greet@1.0.0")
        .contains("hello", "count", "join")
        .contains("succeeded")
        .contains("greeting: \"Hello Bo x1\"");
  }

  @Test
  void run_of_failing_flow_exits_1_and_names_the_error() {
    var run = CliRun.of("run", flow("always-fails.yaml"), "--data-dir", dataDir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.out()).contains("failed").contains("the reservation system said no");
  }

  @Test
  void missing_required_input_exits_3_naming_the_input() {
    var run = CliRun.of("run", flow("greet.yaml"), "--data-dir", dataDir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUTS);
    assertThat(run.err()).contains("name");
  }

  @Test
  void input_of_wrong_type_exits_3() {
    var run =
        CliRun.of(
            "run",
            flow("greet.yaml"),
            "-i",
            "name=A",
            "-i",
            "times=lots",
            "--data-dir",
            dataDir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUTS);
    assertThat(run.err()).contains("times").contains("integer");
  }

  @Test
  void inputs_file_is_read_and_pairs_override_it() throws Exception {
    Path inputs = dataDir.resolve("inputs.json");
    Files.writeString(inputs, "{\"name\": \"File\", \"times\": 2}");
    var run =
        CliRun.of(
            "run",
            flow("greet.yaml"),
            "--inputs",
            inputs.toString(),
            "-i",
            "name=Pair",
            "--data-dir",
            dataDir.resolve("db").toString(),
            "-o",
            "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Hello Pair x2");
  }

  @Test
  void validate_reports_line_column_and_suggestion_with_exit_1() {
    var run = CliRun.of("validate", flow("invalid.yaml"));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.out())
        .contains("line 8")
        .contains("dowload")
        .contains("did you mean 'download'");
  }

  @Test
  void validate_reports_expressions_too_long_or_too_deep_to_parse_like_the_server_does()
      throws Exception {
    Path deep = dataDir.resolve("deep.yaml");
    Files.writeString(
        deep,
        """
        id: deep
        version: 1.0.0
        nodes:
          - id: a
            agent: echo
            with:
              v: "${%s}"
              w: "${%s}"
        """
            .formatted(nested(5000), nested(1000)));

    var run = CliRun.of("validate", deep.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    String quoted = "expression '" + "(".repeat(60) + "...'";
    assertThat(run.out())
        .contains(
            deep
                + " line 7 col 13: node 'a': "
                + quoted
                + " is 10001 characters long; the limit is 4096")
        .contains(
            deep
                + " line 8 col 77: node 'a': "
                + quoted
                + " is nested more than 64 deep; the limit is 64")
        .contains("deep.yaml: 2 problem(s)");
  }

  private static String nested(int parentheses) {
    return "(".repeat(parentheses) + "1" + ")".repeat(parentheses);
  }

  @Test
  void validate_accepts_valid_flows_with_exit_0() {
    var run = CliRun.of("validate", flow("greet.yaml"), flow("always-fails.yaml"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("greet.yaml: valid").contains("always-fails.yaml: valid");
  }

  @Test
  void validate_names_a_misspelt_agent_in_an_untaken_body_with_line_column_and_suggestion() {
    var run = CliRun.of("validate", flow("agent-typo.yaml"));

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.out())
        .contains(
            flow("agent-typo.yaml")
                + " line 19 col 16: node 'inner' uses unknown agent 'ech0' (did you mean"
                + " 'echo'?)");
  }

  @Test
  void validate_warns_when_the_configured_server_cannot_list_its_agents_and_offline_skips_it() {
    var unreachable = CliRun.of("validate", flow("agent-typo.yaml"), "--url", "http://127.0.0.1:1");

    assertThat(unreachable.exitCode()).as(unreachable.out()).isZero();
    assertThat(unreachable.err())
        .contains("warning: agent names not checked: cannot list the agents of http://127.0.0.1:1")
        .contains("--offline");

    var offline =
        CliRun.of("validate", flow("agent-typo.yaml"), "--url", "http://127.0.0.1:1", "--offline");

    assertThat(offline.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(offline.err()).isEmpty();
    assertThat(offline.out()).contains("unknown agent 'ech0' (did you mean 'echo'?)");
  }

  @Test
  void run_refuses_a_misspelt_agent_in_a_branch_not_taken_before_starting() {
    var run = CliRun.of("run", flow("agent-typo.yaml"), "--data-dir", dataDir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("unknown agent 'ech0' (did you mean 'echo'?)");
    assertThat(run.out()).doesNotContain("Running");
  }

  @Test
  void run_calls_an_http_agent_named_with_agent_and_signs_with_its_secret_file() throws Exception {
    var echo = BuiltinAgents.load().resolve("echo").orElseThrow();
    Path secret = Files.writeString(dataDir.resolve("agent.secret"), "s3cret\n");
    try (var agent =
        AgentServer.startWithVerifier(
            echo, "reverser", "1.0.0", "127.0.0.1", 0, SignatureVerifier.of("s3cret"))) {
      String agentUrl = "http://127.0.0.1:" + agent.port();

      var run =
          CliRun.of(
              "run",
              flow("reverse.yaml"),
              "--agent",
              "reverser=" + agentUrl,
              "--agent-secret-file",
              "reverser=" + secret,
              "--data-dir",
              dataDir.resolve("db").toString(),
              "-o",
              "json");

      assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
      assertThat(run.out()).contains("\"said\" : \"hello\"");
    }
  }

  @Test
  void run_without_agent_names_an_unknown_http_agent_and_how_to_give_it() {
    var run = CliRun.of("run", flow("reverse.yaml"), "--data-dir", dataDir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("node 'call' uses unknown agent 'reverser'");
  }

  @Test
  void run_refuses_an_agent_option_that_is_not_a_name_and_url() {
    var run =
        CliRun.of(
            "run",
            flow("reverse.yaml"),
            "--agent",
            "reverser=localhost",
            "--data-dir",
            dataDir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--agent reverser=localhost").contains("http://");
  }

  @Test
  void run_takes_table_as_another_word_for_text_output() {
    var run =
        CliRun.of(
            "run",
            flow("greet.yaml"),
            "-i",
            "name=Al",
            "--data-dir",
            dataDir.toString(),
            "-o",
            "table");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("greeting: \"Hello Al x1\"");
  }

  @Test
  void run_of_invalid_flow_exits_1_without_starting() {
    var run = CliRun.of("run", flow("invalid.yaml"), "--data-dir", dataDir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("dowload");
  }

  @Test
  void missing_flow_file_is_a_usage_error() {
    var run = CliRun.of("run", "no/such/flow.yaml", "--data-dir", dataDir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("no such flow file");
  }

  @Test
  void data_dir_in_use_by_another_engine_is_refused_clearly() {
    try (var other = JdbcStore.openDataDir(dataDir)) {
      var run =
          CliRun.of("run", flow("greet.yaml"), "-i", "name=A", "--data-dir", dataDir.toString());

      assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
      assertThat(run.err()).contains("in use");
    }
  }

  @Test
  void demo_examples_runs_the_showcase_on_an_embedded_server_and_explains_it() {
    var run = CliRun.of("demo", "examples", "--data-dir", dataDir.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("Embedded server on http://127.0.0.1:")
        .contains("Deployed and approved " + ExamplesDemoCommand.EXAMPLES.size() + " example flows")
        .contains("Running demo@1.0.0")
        .contains("What happened")
        .contains("Parallel branches")
        .contains("Retry:")
        .contains("Decision:")
        .contains("The other examples")
        .doesNotContain("ask_") // the embedded server's admin key is never printed
        .doesNotContain("try 'aispine approvals list'")
        .contains(
            "'aispine server --data-dir "
                + dataDir
                + "', and in another terminal 'aispine init --data-dir "
                + dataDir
                + " && aispine approvals list --status all'")
        .contains("aispine flow run parallel --wait");
    for (String example :
        ExamplesDemoCommand.EXAMPLES.subList(1, ExamplesDemoCommand.EXAMPLES.size())) {
      assertThat(run.out()).containsPattern("(?m)^  " + example + " +succeeded");
    }
  }

  @Test
  void demo_examples_on_a_temporary_store_points_at_nothing_it_deleted() {
    var run = CliRun.of("demo", "examples");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("deleting its temporary store (keep it with --data-dir DIR)")
        .doesNotContain("approvals list");
  }

  @Test
  void demo_examples_deploys_every_bundled_example() throws Exception {
    try (var files = Files.list(Path.of("../examples/flows"))) {
      var names =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml"))
              .map(n -> n.substring(0, n.length() - ".yaml".length()))
              .toList();
      assertThat(ExamplesDemoCommand.EXAMPLES).containsExactlyInAnyOrderElementsOf(names);
    }
  }

  @Test
  void help_lists_the_commands() {
    var run = CliRun.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("run", "validate", "demo", "Exit codes");
  }
}
