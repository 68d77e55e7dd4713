package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.cli.command.ExitCodes;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aispine approvals list|approve|reject}, in-process, against a real server. */
class ApprovalCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern APPROVAL_ID = Pattern.compile("ap_[0-9a-z]{26}");
  private static final String EXAMPLE = Path.of("../examples/flows/approval.yaml").toString();

  @TempDir Path dataDir;
  @TempDir Path home;

  private AispineServer server;
  private String url;
  private String key;

  @BeforeEach
  void start() {
    System.setProperty("aispine.config", home.resolve("config.yaml").toString());
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    url = "http://127.0.0.1:" + server.port();
    key = server.adminKeyCreated().orElseThrow();
    assertThat(remote("flow", "deploy", "--approve", EXAMPLE).exitCode()).isZero();
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

  /** Starts the example and waits until {@code approvals list} shows its approval; its id. */
  private String startAndAwaitApproval(String amount) {
    var run = remote("flow", "run", "approval", "-i", "amount=" + amount);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              var m = APPROVAL_ID.matcher(remote("approvals", "list").out());
              return m.find() ? m.group() : null;
            },
            id -> id != null);
  }

  @Test
  void lists_pending_approvals_as_a_table_or_json_and_approves_one_with_a_comment()
      throws Exception {
    String id = startAndAwaitApproval("120");

    var table = remote("approvals", "list");
    var json = remote("approvals", "list", "-o", "json");
    var approve = remote("approvals", "approve", id, "--comment", "receipt checked");

    assertThat(table.exitCode()).isZero();
    assertThat(table.out())
        .contains("ID", "EXECUTION", "NODE", "STATUS", "MESSAGE")
        .contains(id)
        .contains("review")
        .contains("pending")
        .contains("Refund 120 EUR to Ada?")
        .contains("aispine approvals approve|reject ID");
    JsonNode page = JSON.readTree(json.out());
    assertThat(page.at("/items/0/id").asText()).isEqualTo(id);
    assertThat(page.at("/items/0/approvers/0").asText()).isEqualTo("operator");
    assertThat(approve.exitCode()).as(approve.err()).isZero();
    assertThat(approve.out())
        .contains("status:")
        .contains("approved")
        .contains("by:")
        .contains("admin")
        .contains("receipt checked");
    assertThat(remote("approvals", "list").out()).contains("No approvals waiting for an answer.");
    var answered = remote("approvals", "list", "--status", "approved");
    assertThat(answered.out()).contains(id).contains("approved by admin");
    String execution = page.at("/items/0/execution").asText();
    var logs = remote("flow", "logs", execution);
    assertThat(logs.out())
        .contains("approval.requested")
        .contains(id + ": Refund 120 EUR to Ada?")
        .contains("approved by admin: receipt checked");
  }

  @Test
  void a_second_answer_fails_with_the_reason_and_an_unknown_id_is_not_found() {
    String id = startAndAwaitApproval("5");
    assertThat(remote("approvals", "reject", id, "-m", "no receipt").exitCode()).isZero();

    var again = remote("approvals", "approve", id);
    var unknown = remote("approvals", "approve", "ap_unknown");

    assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(again.err()).contains("already rejected by admin");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknown.err()).contains("no approval 'ap_unknown'");
    var json = remote("approvals", "list", "--status", "all", "-o", "json");
    assertThat(json.out()).contains("\"status\" : \"rejected\"").contains("no receipt");
  }

  @Test
  void flow_run_wait_shows_the_approval_to_answer_and_finishes_once_it_is_answered()
      throws Exception {
    CompletableFuture<CliRun> waiting =
        CompletableFuture.supplyAsync(
            () -> remote("flow", "run", "approval", "-i", "amount=70", "--wait"));
    String id =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> {
                  var m = APPROVAL_ID.matcher(remote("approvals", "list").out());
                  return m.find() ? m.group() : null;
                },
                found -> found != null);

    assertThat(remote("approvals", "approve", id, "--comment", "fine").exitCode()).isZero();

    CliRun run = waiting.get(20, TimeUnit.SECONDS);
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("waiting for approval " + id + ": Refund 70 EUR to Ada?")
        .contains("aispine approvals approve|reject " + id)
        .contains("approved by admin: fine")
        .containsPattern("pay +succeeded");
  }

  @Test
  void a_local_run_says_its_approval_cannot_be_answered_and_ends_by_the_timeout() throws Exception {
    Path flow = home.resolve("local-approval.yaml");
    java.nio.file.Files.writeString(
        flow,
        """
        id: local-approval
        version: 1.0.0
        nodes:
          - {id: ask, type: approval, message: "Go?", timeout: 200ms, on_timeout: approve}
          - {id: go, agent: echo, needs: ask, with: {ok: "${nodes.ask.output.approved}"}}
        """);

    var run = CliRun.of("run", flow.toString(), "--data-dir", home.resolve("local").toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("waiting for approval ap_")
        .contains("a local run cannot be answered")
        .contains("approval expired unanswered (on_timeout: approve)")
        .containsPattern("go +succeeded");
  }
}
