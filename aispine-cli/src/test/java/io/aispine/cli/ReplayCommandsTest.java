package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.cli.command.ExitCodes;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aispine execution replay} and {@code execution diff}, in-process, on a real server. */
class ReplayCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EXECUTION_ID = Pattern.compile("ex_[0-9a-z]+");

  private static final String CHAIN =
      """
      id: chain
      version: 1.0.0
      inputs:
        name: {type: string, required: true}
        times: {type: number, default: 1}
      nodes:
        - {id: a, agent: echo, with: {v: "${inputs.name}"}}
        - {id: b, agent: echo, needs: a, with: {v: "${nodes.a.output.v}-b"}}
        - {id: c, agent: echo, needs: b, with: {v: "${nodes.b.output.v}-c", n: "${inputs.times}"}}
        - {id: d, agent: echo, needs: c, with: {v: "${nodes.c.output.v}-d"}}
      outputs:
        v: "${nodes.d.output.v}"
      """;

  @TempDir Path dataDir;
  @TempDir Path home;

  private AispineServer server;
  private String url;
  private String key;

  @BeforeEach
  void start() throws Exception {
    System.setProperty("aispine.config", home.resolve("config.yaml").toString());
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    url = "http://127.0.0.1:" + server.port();
    key = server.adminKeyCreated().orElseThrow();
    Path flow = home.resolve("chain.yaml");
    Files.writeString(flow, CHAIN);
    var deploy = remote("flow", "deploy", "--approve", flow.toString());
    assertThat(deploy.exitCode()).as(deploy.err()).isZero();
  }

  @AfterEach
  void stop() {
    server.close();
    System.clearProperty("aispine.config");
  }

  private CliRun remote(String... args) {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", url, "--token", key));
    return CliRun.of(all.toArray(String[]::new));
  }

  private String finishedOrigin() {
    var run = remote("flow", "run", "chain", "-i", "name=ada", "--wait");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return ids(run.out()).getFirst();
  }

  private static List<String> ids(String output) {
    Matcher m = EXECUTION_ID.matcher(output);
    var ids = new ArrayList<String>();
    while (m.find()) {
      if (!ids.contains(m.group())) {
        ids.add(m.group());
      }
    }
    assertThat(ids).as("execution ids in: " + output).isNotEmpty();
    return ids;
  }

  @Test
  void replays_from_a_node_with_an_output_override_and_diffs_the_two_executions() {
    String origin = finishedOrigin();

    var replay =
        remote(
            "execution",
            "replay",
            origin,
            "--from",
            "c",
            "--output-override",
            "b={\"v\": \"grace-b\"}",
            "--wait");

    assertThat(replay.exitCode()).as(replay.err()).isZero();
    assertThat(replay.out())
        .containsPattern("Replaying " + origin + " from c as ex_[0-9a-z]+ \\(reused: a, b\\)")
        .containsPattern("= a +reused succeeded from " + origin)
        .contains("Succeeded")
        .contains("v: \"grace-b-c-d\"");
    String copy = ids(replay.out()).get(1);

    var diff = remote("execution", "diff", origin, copy);
    assertThat(diff.exitCode()).as(diff.err()).isZero();
    assertThat(diff.out())
        .containsPattern("B  " + copy + "  chain@1\\.0\\.0  succeeded  replay of the other from c")
        .containsPattern("NODE +A +B +OUTPUT A +OUTPUT B")
        .containsPattern(
            "b +succeeded \\(ran\\) +succeeded \\(overridden\\) +\\{\"v\":\"ada-b\"} +\\{\"v\":\"grace-b\"}")
        .containsPattern("d +succeeded \\(ran\\) +succeeded \\(ran\\) .*grace-b-c-d")
        .contains("3 of 4 nodes differ")
        .contains("Outputs that differ:\n  v: \"ada-b-c-d\" -> \"grace-b-c-d\"")
        .doesNotContainPattern("(?m)^a ");

    var everything = remote("execution", "diff", origin, copy, "--all");
    assertThat(everything.out())
        .containsPattern("(?m)^a +succeeded \\(ran\\) +succeeded \\(reused\\)");

    var replays = remote("execution", "list", "--replay-of", origin);
    assertThat(replays.out()).contains(copy).doesNotContain(origin);

    var get = remote("execution", "get", copy);
    assertThat(get.out())
        .containsPattern("replay of: +" + origin + " from c \\(reused: a, b\\)")
        .containsPattern("(?m)^b +succeeded \\(reused\\) +0");
  }

  @Test
  void diffs_as_json_and_exits_0_also_when_nothing_differs() throws Exception {
    String origin = finishedOrigin();
    var replay =
        remote(
            "execution", "replay", origin, "--from", "c", "-i", "times=2", "--wait", "-o", "json");
    assertThat(replay.exitCode()).as(replay.err()).isZero();
    JsonNode done = JSON.readTree(replay.out());
    assertThat(done.at("/replay_of/from").asText()).isEqualTo("c");
    assertThat(done.at("/inputs/times").asInt()).isEqualTo(2); // typed by the flow: a number
    String copy = done.get("id").asText();

    JsonNode diff = JSON.readTree(remote("execution", "diff", origin, copy, "-o", "json").out());
    // only c saw the new input; d's output is the same, and reusing b changed nothing of it
    assertThat(diff.get("differing_nodes").asInt()).isEqualTo(1);
    assertThat(diff.get("nodes").findValuesAsText("path")).containsExactly("c");
    JsonNode all =
        JSON.readTree(remote("execution", "diff", origin, copy, "--all", "-o", "json").out());
    assertThat(all.get("nodes").findValuesAsText("path")).containsExactly("a", "b", "c", "d");
    JsonNode b = all.get("nodes").get(1);
    assertThat(b.at("/a/how").asText()).isEqualTo("ran");
    assertThat(b.at("/b/how").asText()).isEqualTo("reused");
    assertThat(b.get("differs").asBoolean()).isFalse();
    assertThat(diff.at("/inputs/times").toString()).isEqualTo("[1,2]");
    assertThat(diff.get("outputs").isEmpty()).isTrue();

    var same = remote("execution", "diff", origin, origin);
    assertThat(same.exitCode()).isZero();
    assertThat(same.out()).contains("Every node has the same status and output.");
  }

  @Test
  void refuses_an_unknown_node_or_a_malformed_override_with_exit_2() {
    String origin = finishedOrigin();

    var unknown = remote("execution", "replay", origin, "--from", "cc");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("has no node 'cc' (did you mean 'c'?)");

    var malformed =
        remote("execution", "replay", origin, "--from", "c", "--output-override", "b={");
    assertThat(malformed.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(malformed.err()).contains("--output-override for 'b' is not valid JSON");

    var missing = remote("execution", "replay", "ex_nope", "--from", "c");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }
}
