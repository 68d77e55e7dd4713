package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.agent.BuiltinAgents;
import io.aispine.agents.serve.AgentServer;
import io.aispine.cli.command.ExitCodes;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remote commands, in-process, against a real server on a random port. */
class RemoteCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EXECUTION_ID = Pattern.compile("ex_[0-9a-z]+");

  @TempDir Path dataDir;
  @TempDir Path home;

  private AispineServer server;
  private String url;
  private String key;

  @BeforeEach
  void start() {
    // Keep the user's real ~/.aispine/config.yaml out of these tests.
    System.setProperty("aispine.config", home.resolve("config.yaml").toString());
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    url = "http://127.0.0.1:" + server.port();
    key = server.adminKeyCreated().orElseThrow();
  }

  @AfterEach
  void stop() {
    server.close();
    System.clearProperty("aispine.config");
  }

  /** Runs a remote command against the test server with its admin key. */
  private CliRun remote(String... args) {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", url, "--token", key));
    return CliRun.of(all.toArray(String[]::new));
  }

  private static String flow(String name) {
    return Path.of("src/test/resources/flows", name).toString();
  }

  private String writeFlow(String name, String yaml) throws Exception {
    Path file = home.resolve(name);
    Files.writeString(file, yaml);
    return file.toString();
  }

  private static String executionId(String output) {
    var m = EXECUTION_ID.matcher(output);
    assertThat(m.find()).as("an execution id in: " + output).isTrue();
    return m.group();
  }

  @Test
  void init_writes_the_config_with_mode_600_and_later_commands_use_it() throws Exception {
    var init = CliRun.of("init", "--url", url, "--data-dir", dataDir.toString());

    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(init.out())
        .contains("API key from " + dataDir.resolve("admin.key"))
        .contains("Checked");
    Path config = home.resolve("config.yaml");
    assertThat(Files.getPosixFilePermissions(config))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(config)).contains("url: " + url).contains("token: " + key);

    var list = CliRun.of("flow", "list"); // no --url, no --token: the config file
    assertThat(list.exitCode()).as(list.err()).isZero();
    var auth = CliRun.of("auth", "test");
    assertThat(auth.exitCode()).as(auth.err()).isZero();
    assertThat(auth.out()).contains("OK: " + url).contains(config.toString());
  }

  @Test
  void a_saved_key_is_not_sent_to_another_server() throws Exception {
    CliRun.of("init", "--url", url, "--token", key);

    var elsewhere = CliRun.of("flow", "list", "--url", url.replace("127.0.0.1", "localhost"));

    assertThat(elsewhere.exitCode()).isEqualTo(ExitCodes.AUTH);
    assertThat(elsewhere.err()).contains("needs an API key and none was found");
  }

  @Test
  void deploys_lists_and_shows_a_flow_as_table_or_json() throws Exception {
    var deploy = remote("flow", "deploy", "--approve", flow("greet.yaml"));
    assertThat(deploy.exitCode()).as(deploy.err()).isZero();
    assertThat(deploy.out()).contains("Deployed greet@1.0.0 (3 nodes)");
    assertThat(remote("flow", "deploy", "--approve", flow("greet.yaml")).out())
        .contains("already deployed");

    var list = remote("flow", "list");
    assertThat(list.out())
        .containsPattern("ID +VERSION +CREATED +DESCRIPTION")
        .containsPattern("greet +1\\.0\\.0");

    var show = remote("flow", "show", "greet");
    assertThat(show.exitCode()).as(show.err()).isZero();
    assertThat(show.out())
        .containsPattern("id: +greet")
        .containsPattern("name +string +yes")
        .containsPattern("join +task +hello,count +echo");

    JsonNode json = JSON.readTree(remote("flow", "show", "greet", "-o", "json").out());
    assertThat(json.get("id").asText()).isEqualTo("greet");
    assertThat(json.get("created_at").asText()).endsWith("Z");
    assertThat(remote("flow", "show", "greet", "--yaml").out()).startsWith("id: greet");
  }

  @Test
  void deploying_an_invalid_flow_prints_each_problem_with_line_and_column_and_exits_1() {
    var deploy = remote("flow", "deploy", "--approve", flow("invalid.yaml"));

    assertThat(deploy.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(deploy.err())
        .containsPattern("invalid.yaml line \\d+ col \\d+.*dowload.*did you mean 'download'")
        .contains("flow is invalid");
  }

  @Test
  void deploying_a_flow_with_a_misspelt_agent_suggests_the_name_the_server_knows()
      throws Exception {
    String typo =
        writeFlow(
            "typo.yaml",
            """
            id: typo
            version: 1.0.0
            nodes:
              - id: hello
                agent: ech0
            """);

    var deploy = remote("flow", "deploy", "--approve", typo);

    assertThat(deploy.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(deploy.err())
        .contains(
            "typo.yaml line 5 col 12: node 'hello' uses unknown agent 'ech0' (did you mean"
                + " 'echo'?)")
        .contains("flow is invalid (1 problem(s))");
    assertThat(remote("flow", "list").out()).doesNotContain("typo");
  }

  @Test
  void run_with_wait_follows_each_node_and_exits_0_on_success() {
    remote("flow", "deploy", "--approve", flow("greet.yaml"));

    var run = remote("flow", "run", "greet", "-i", "name=Ada", "-i", "times=2", "--wait");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Running greet@1.0.0")
        .containsPattern("hello +succeeded")
        .containsPattern("count +succeeded")
        .containsPattern("join +succeeded")
        .contains("Succeeded")
        .contains("greeting: \"Hello Ada x2\"");
  }

  @Test
  void run_with_wait_of_a_failing_flow_exits_1_and_names_the_error() {
    remote("flow", "deploy", "--approve", flow("always-fails.yaml"));

    var run = remote("flow", "run", "always-fails", "--wait");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.out()).contains("broken").contains("the reservation system said no");
  }

  @Test
  void run_without_a_required_input_exits_3() {
    remote("flow", "deploy", "--approve", flow("greet.yaml"));

    var run = remote("flow", "run", "greet");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUTS);
    assertThat(run.err()).contains("name");
  }

  @Test
  void watch_lists_each_node_and_logs_print_the_history() throws Exception {
    remote("flow", "deploy", "--approve", flow("greet.yaml"));
    var run = remote("flow", "run", "greet", "-i", "name=Bo");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String id = executionId(run.out());

    var watch = remote("flow", "watch", id);
    assertThat(watch.exitCode()).as(watch.err()).isZero();
    assertThat(watch.out())
        .contains("Watching greet@1.0.0", id)
        .containsPattern("hello +succeeded in \\d+")
        .containsPattern("count +succeeded")
        .containsPattern("join +succeeded")
        .contains("greeting: \"Hello Bo x1\"");

    var logs = remote("flow", "logs", id);
    assertThat(logs.exitCode()).as(logs.err()).isZero();
    assertThat(logs.out())
        .containsPattern("SEQ +TIME +\\+ELAPSED +EVENT +NODE +ATTEMPT +DETAIL")
        .containsPattern("node\\.completed +hello +1")
        .contains("execution.completed");
    JsonNode history = JSON.readTree(remote("flow", "logs", id, "-o", "json").out());
    assertThat(history.get("items").size()).isGreaterThan(6);
  }

  @Test
  void lists_gets_and_cancels_executions() throws Exception {
    String nap =
        writeFlow(
            "nap.yaml",
            "id: nap\nversion: 1.0.0\nnodes:\n  - {id: nap, agent: sleep, with: {ms: 60000}}\n");
    remote("flow", "deploy", "--approve", nap);
    String id = executionId(remote("flow", "run", "nap").out());

    var list = remote("execution", "list", "--status", "running");
    assertThat(list.out()).containsPattern(id + " +nap +1\\.0\\.0 +running");
    JsonNode page = JSON.readTree(remote("execution", "list", "--flow", "nap", "-o", "json").out());
    assertThat(page.get("items").get(0).get("id").asText()).isEqualTo(id);
    assertThat(page.has("next_cursor")).isTrue();

    var get = remote("execution", "get", id);
    assertThat(get.out())
        .containsPattern("status: +running")
        .containsPattern("flow: +nap@1\\.0\\.0");

    var cancel = remote("execution", "cancel", id);
    assertThat(cancel.exitCode()).as(cancel.err()).isZero();
    assertThat(remote("flow", "watch", id).exitCode()).isEqualTo(ExitCodes.CANCELLED);
    var again = remote("execution", "cancel", id);
    assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(again.err()).contains("409");
  }

  @Test
  void retry_of_a_failed_execution_starts_it_again() {
    remote("flow", "deploy", "--approve", flow("always-fails.yaml"));
    String failed = executionId(remote("flow", "run", "always-fails", "--wait").out());

    var retry = remote("execution", "retry", failed);

    assertThat(retry.exitCode()).as(retry.err()).isZero();
    assertThat(retry.out()).contains("Retrying " + failed);
  }

  @Test
  void an_unknown_execution_exits_8() {
    var get = remote("execution", "get", "ex_nope");

    assertThat(get.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(get.err()).contains("404");
  }

  @Test
  void an_unreachable_server_exits_6_and_says_how_to_start_one() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    var list = CliRun.of("flow", "list", "--url", "http://127.0.0.1:" + closedPort, "--token", "k");

    assertThat(list.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(list.err())
        .contains(
            "cannot reach http://127.0.0.1:"
                + closedPort
                + ": connection refused: start one with 'aispine server' or pass --url");
  }

  @Test
  void a_bad_token_exits_7_and_names_where_it_came_from() {
    var list = CliRun.of("flow", "list", "--url", url, "--token", "wrong");

    assertThat(list.exitCode()).isEqualTo(ExitCodes.AUTH);
    assertThat(list.err()).contains("refused the API key from --token");
  }

  @Test
  void lists_registers_and_health_checks_agents() throws Exception {
    var builtins = remote("agent", "list");
    assertThat(builtins.out()).containsPattern("echo +builtin");

    var echo = BuiltinAgents.load().resolve("echo").orElseThrow();
    try (var agent = AgentServer.start(echo, "echo", "1.0.0", 0, "s3cret")) {
      String agentUrl = "http://127.0.0.1:" + agent.port();
      var register =
          remote(
              "agent", "register", "greeter", agentUrl, "--version", "1.0.0", "--secret", "s3cret");
      assertThat(register.exitCode()).as(register.err()).isZero();

      var health = remote("agent", "health", "greeter");
      assertThat(health.exitCode()).as(health.err()).isZero();
      assertThat(health.out()).contains("greeter: ok");
      assertThat(remote("agent", "list").out())
          .containsPattern("greeter +http +1\\.0\\.0 +1 +healthy +closed +no +" + agentUrl);
    }
    var down = remote("agent", "health", "greeter");
    assertThat(down.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(down.out()).contains("greeter: down");
  }

  @Test
  void drains_limits_and_lists_the_calls_of_an_agent() throws Exception {
    var drain = remote("agent", "drain", "echo");
    assertThat(drain.exitCode()).as(drain.err()).isZero();
    assertThat(drain.out()).contains("echo: drained");
    assertThat(remote("agent", "list").out())
        .containsPattern("echo +builtin +1\\.0\\.0 +1 +\\S+ +\\S+ +yes ");
    var undrain = remote("agent", "undrain", "echo");
    assertThat(undrain.out()).contains("echo: not drained");
    assertThat(remote("agent", "drain", "echo", "--version", "9.9.9").exitCode())
        .isEqualTo(ExitCodes.NOT_FOUND);

    var set = remote("agent", "limits", "echo", "--rate", "7", "--concurrency", "2");
    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(set.out())
        .contains("rate_per_minute: 7 (override)")
        .contains("max_concurrency: 2 (override)");
    var cleared = remote("agent", "limits", "echo", "--concurrency", "0");
    assertThat(cleared.out())
        .contains("rate_per_minute: 7 (override)")
        .contains("max_concurrency: unlimited (default)");
    assertThat(remote("agent", "limits", "echo", "--rate", "-1").exitCode())
        .isEqualTo(ExitCodes.USAGE);

    remote("flow", "deploy", "--approve", flow("greet.yaml"));
    var run = remote("flow", "run", "greet", "-i", "name=Ada", "--wait");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String id = executionId(run.out());
    var calls = remote("agent", "calls", "echo", "--limit", "2");
    assertThat(calls.exitCode()).as(calls.err()).isZero();
    assertThat(calls.out()).contains(id).contains("join").contains("succeeded");
    JsonNode json = JSON.readTree(remote("agent", "calls", "echo", "-o", "json").out());
    assertThat(json.get("items")).hasSize(3);
    assertThat(json.at("/items/0/node").asText()).isEqualTo("join");
  }

  @Test
  void registers_shows_and_deprecates_agent_versions_from_manifests() throws Exception {
    Path manifest = home.resolve("agent.json");
    Files.writeString(
        manifest,
        """
        {"name": "greeter", "version": "1.0.0", "description": "Greets people",
         "category": "messaging", "tags": ["demo"],
         "input_schema": {"type": "object", "required": ["name"],
                          "properties": {"name": {"type": "string"}, "lang": {"type": "string"}}},
         "pricing": {"model": "per_call", "usd_per_call": 0.002},
         "limits": {"rate_per_minute": 60}}
        """);
    var echo = BuiltinAgents.load().resolve("echo").orElseThrow();
    try (var agent = AgentServer.start(echo, "greeter", "1.0.0", 0, null)) {
      String agentUrl = "http://127.0.0.1:" + agent.port();

      var register = remote("agent", "register", agentUrl, "--manifest", manifest.toString());
      assertThat(register.exitCode()).as(register.err()).isZero();
      assertThat(register.out()).contains("Registered greeter@1.0.0 at " + agentUrl);
      var second =
          remote("agent", "register", "greeter", agentUrl, "--version", "1.1.0", "-o", "json");
      assertThat(second.exitCode()).as(second.err()).isZero();
      assertThat(JSON.readTree(second.out()).get("latest").asText()).isEqualTo("1.1.0");

      var show = remote("agent", "show", "greeter", "--version", "1.0.0");
      assertThat(show.exitCode()).as(show.err()).isZero();
      assertThat(show.out())
          .containsPattern("category: +messaging")
          .containsPattern("input: +object: name\\* \\(string\\), lang \\(string\\)")
          .containsPattern("pricing: +per_call, \\$/call 0.002")
          .containsPattern("limits: +60 calls/min")
          .containsPattern("1\\.1\\.0 +\\S+ +no");

      var deprecate =
          remote("agent", "deprecate", "greeter", "1.1.0", "--reason", "use 1.0.0 for now");
      assertThat(deprecate.exitCode()).as(deprecate.err()).isZero();
      assertThat(deprecate.out()).contains("Deprecated greeter@1.1.0: use 1.0.0 for now");
      assertThat(remote("agent", "list").out())
          .containsPattern("greeter +http +1\\.0\\.0 +2 \\(1 deprecated\\)");
      var json = JSON.readTree(remote("agent", "show", "greeter", "-o", "json").out());
      assertThat(json.at("/versions/1/deprecation_reason").asText()).isEqualTo("use 1.0.0 for now");
      assertThat(remote("agent", "deprecate", "greeter", "1.1.0", "--undo").exitCode()).isZero();
      assertThat(remote("agent", "show", "greeter").out()).containsPattern("latest: +1\\.1\\.0");
    }
    try (var served =
        AgentServer.startWithManifest(
            echo,
            "greeter",
            "3.0.0",
            "127.0.0.1",
            0,
            null,
            java.util.Map.of("name", "greeter", "version", "3.0.0"))) {
      String servedUrl = "http://127.0.0.1:" + served.port();
      var fetched = remote("agent", "register", servedUrl);
      assertThat(fetched.exitCode()).as(fetched.err()).isZero();
      assertThat(fetched.out()).contains("Registered greeter@3.0.0 at " + servedUrl);
    }
    Files.writeString(manifest, "{\"name\": \"greeter\", \"version\": \"2\", \"sensitive\": 1}");
    var invalid =
        remote("agent", "register", "http://127.0.0.1:1", "--manifest", manifest.toString());
    assertThat(invalid.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(invalid.err()).contains("/version").contains("/sensitive");
    assertThat(remote("agent", "show", "nobody").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(remote("agent", "deprecate", "greeter", "9.9.9").exitCode())
        .isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void deploy_prints_a_run_command_with_every_required_input() {
    var deploy = remote("flow", "deploy", "--approve", flow("greet.yaml"));

    assertThat(deploy.exitCode()).as(deploy.err()).isZero();
    // greet requires 'name'; 'times' has a default, so the printed command leaves it out.
    assertThat(deploy.out()).contains("Run it with: aispine flow run greet -i name=<value> --wait");
  }

  @Test
  void remote_commands_take_text_as_another_word_for_table_output() {
    remote("flow", "deploy", "--approve", flow("greet.yaml"));

    var list = remote("flow", "list", "-o", "text");

    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).containsPattern("greet +1\\.0\\.0");
  }

  @Test
  void validate_checks_agent_names_against_the_configured_servers_registry() throws Exception {
    assertThat(
            remote("agent", "register", "greeter", "http://127.0.0.1:1", "--version", "1.0.0")
                .exitCode())
        .isZero();
    String flowFile =
        writeFlow(
            "greets.yaml",
            """
            id: greets
            version: 1.0.0
            nodes:
              - id: hello
                agent: greeter@^1
              - id: again
                agent: greter
            """);
    var local = CliRun.of("validate", flowFile); // no config yet: the built-ins only
    assertThat(local.out()).contains("node 'hello' uses unknown agent 'greeter'");

    assertThat(CliRun.of("init", "--url", url, "--token", key).exitCode()).isZero();
    var checked = CliRun.of("validate", flowFile);

    assertThat(checked.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(checked.out())
        .doesNotContain("'greeter'; ")
        .contains(
            "greets.yaml line 7 col 12: node 'again' uses unknown agent 'greter' (did you mean"
                + " 'greeter'?)");
  }

  @Test
  void registering_the_same_version_again_says_nothing_changed_and_a_change_needs_a_new_version()
      throws Exception {
    Path manifest = home.resolve("agent.json");
    Files.writeString(manifest, "{\"name\": \"greeter\", \"version\": \"1.0.0\"}");
    String agentUrl = "http://127.0.0.1:1";
    assertThat(remote("agent", "register", agentUrl, "--manifest", manifest.toString()).exitCode())
        .isZero();

    var again = remote("agent", "register", agentUrl, "--manifest", manifest.toString());

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out())
        .contains("greeter@1.0.0 is already registered at " + agentUrl)
        .contains("nothing changed");

    Files.writeString(
        manifest, "{\"name\": \"greeter\", \"version\": \"1.0.0\", \"category\": \"messaging\"}");
    var changed = remote("agent", "register", agentUrl, "--manifest", manifest.toString());
    assertThat(changed.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(changed.err())
        .contains("already registered with another manifest")
        .contains("bump \"version\" in " + manifest);
  }

  @Test
  void shell_completion_knows_the_remote_commands() {
    var completion = CliRun.of("generate-completion");

    assertThat(completion.out())
        .contains("aispine_flow_deploy", "aispine_flow_watch", "aispine_execution_cancel")
        .contains("aispine_agent_serve", "aispine_init", "aispine_auth_test");
  }
}
