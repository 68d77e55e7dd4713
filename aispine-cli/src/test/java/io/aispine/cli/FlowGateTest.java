package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.api.Execution;
import io.aispine.api.ExecutionStatus;
import io.aispine.api.FlowDecision;
import io.aispine.api.FlowVersionStatus;
import io.aispine.sdk.AispineApiException;
import io.aispine.sdk.AispineClient;
import io.aispine.server.AispineServer;
import io.aispine.server.FlowApproval;
import io.aispine.server.ServerConfig;
import io.aispine.store.ApiKey;
import io.aispine.store.jdbc.JdbcStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate, end to end on a real server over SQLite: a deployed version is a draft, and every way
 * of running a flow (API, SDK, CLI, subflow, replay, retry) refuses one; approval is atomic and
 * four-eyes where configured; panic mode freezes changes and new runs, and survives a restart.
 */
class FlowGateTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Keys planted in the store before the server starts, so that a test has more than one. */
  private static final String AUTHOR = "ask_gate_author_key_0000000000000000000000000";

  private static final String REVIEWER = "ask_gate_reviewer_key_000000000000000000000000";
  // panic mode freezes the whole server: only its owner switches it
  private static final String OWNER = "ask_gate_owner_key_00000000000000000000000000000";
  private static final String OPERATOR = "ask_gate_operator_key_000000000000000000000000";

  private static final String GREET =
      """
      id: gate-greet
      version: 1.0.0
      inputs:
        name: {type: string, default: Ada}
      nodes:
        - id: greet
          agent: echo
          with: {greeting: "Hello, ${inputs.name}"}
      outputs:
        greeting: "${nodes.greet.output.greeting}"
      """;

  private static final String FLAKY =
      """
      id: gate-flaky
      version: 1.0.0
      nodes:
        - id: flaky
          agent: fail
          with: {times: 1}
      """;

  private static final String CHILD =
      """
      id: gate-child
      version: 1.0.0
      nodes:
        - id: hi
          agent: echo
          with: {x: 1}
      """;

  private static final String PARENT =
      """
      id: gate-parent
      version: 1.0.0
      nodes:
        - id: child
          type: subflow
          flow: gate-child@^1
      """;

  @TempDir Path dataDir;
  @TempDir Path home;

  private AispineServer server;
  private String url;

  @BeforeEach
  void plantKeys() {
    System.setProperty("aispine.config", home.resolve("config.yaml").toString());
    try (var store = JdbcStore.openDataDir(dataDir)) {
      store.apiKeys().create(key("key_author", "admin", AUTHOR));
      store.apiKeys().create(key("key_reviewer", "admin", REVIEWER));
      store.apiKeys().create(key("key_operator", "operator", OPERATOR));
      store.apiKeys().create(key("key_owner", "owner", OWNER));
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    System.clearProperty("aispine.config");
  }

  private void start(FlowApproval approval) {
    server =
        AispineServer.start(
            new ServerConfig("127.0.0.1", 0, dataDir, null).withFlowApproval(approval));
    url = "http://127.0.0.1:" + server.port();
  }

  @Test
  void every_run_path_refuses_a_draft_or_rejected_version() throws Exception {
    start(FlowApproval.SELF);
    // versions that ran while approved, then were rejected: their executions are replayed and
    // retried below
    assertThat(post(AUTHOR, "/api/v1/flows?approve=true", GREET, "application/yaml").status)
        .isEqualTo(201);
    assertThat(post(AUTHOR, "/api/v1/flows?approve=true", FLAKY, "application/yaml").status)
        .isEqualTo(201);
    AispineClient sdk = client(AUTHOR);
    Execution greeted = finish(sdk, sdk.startExecution("gate-greet", Map.of()));
    assertThat(greeted.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    Execution failed = finish(sdk, sdk.startExecution("gate-flaky", Map.of()));
    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    sdk.rejectFlow("gate-greet", "1.0.0", "greets strangers");
    sdk.rejectFlow("gate-flaky", "1.0.0", "flaky by design");
    // a draft, and an approved parent whose only child version is a draft
    assertThat(post(AUTHOR, "/api/v1/flows", CHILD, "application/yaml").status).isEqualTo(201);
    assertThat(post(AUTHOR, "/api/v1/flows?approve=true", PARENT, "application/yaml").status)
        .isEqualTo(201);

    List<String> refused = new ArrayList<>();

    // 1. API start naming the draft version
    Answer named =
        post(AUTHOR, "/api/v1/flows/gate-child/executions", "{\"version\": \"1.0.0\"}", null);
    assertNotApproved(named, "gate-child@1.0.0 is a draft");
    refused.add("API start of a named draft version");

    // 2. API start of the newest version when no version is approved
    Answer newest = post(AUTHOR, "/api/v1/flows/gate-child/executions", "{}", null);
    assertNotApproved(newest, "has no approved version");
    refused.add("API start of the newest version");

    // 3. SDK start
    assertThatThrownBy(() -> sdk.startExecution("gate-child", "1.0.0", Map.of()))
        .isInstanceOfSatisfying(
            AispineApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.problem().detail()).contains("aispine flow approve gate-child@1.0.0");
            });
    refused.add("SDK start");

    // 4. CLI run of a deployed flow
    var cli = CliRun.of("flow", "run", "gate-child", "--url", url, "--token", AUTHOR);
    assertThat(cli.exitCode()).isNotZero();
    assertThat(cli.err()).contains("approve");
    refused.add("CLI flow run");

    // 5. a rejected version (approved once) by API
    assertNotApproved(
        post(AUTHOR, "/api/v1/flows/gate-greet/executions", "{\"version\": \"1.0.0\"}", null),
        "was rejected (greets strangers)");
    refused.add("API start of a rejected version");

    // 6. replay of an execution whose version was rejected afterwards
    Answer replay =
        post(
            AUTHOR,
            "/api/v1/executions/" + greeted.id() + "/replay",
            "{\"from\": \"greet\"}",
            null);
    assertNotApproved(replay, "was rejected");
    refused.add("replay");

    // 7. retry of a failed execution whose version was rejected afterwards
    Answer retry = post(AUTHOR, "/api/v1/executions/" + failed.id() + "/retry", "", null);
    assertNotApproved(retry, "was rejected (flaky by design)");
    refused.add("retry");

    // 8. a subflow node pointing at a draft: the parent runs, its child is refused
    Execution parent = finish(sdk, sdk.startExecution("gate-parent", Map.of()));
    assertThat(parent.status()).isEqualTo(ExecutionStatus.FAILED);
    var child = parent.nodes().stream().filter(n -> n.path().equals("child")).findFirst();
    assertThat(child).isPresent();
    assertThat(child.get().error().code()).isEqualTo("SUBFLOW_NOT_APPROVED");
    assertThat(child.get().error().message()).contains("gate-child@1.0.0 is a draft");
    refused.add("subflow");

    // nothing refused left a trace: only the three executions that were allowed exist
    JsonNode executions = JSON.readTree(get(AUTHOR, "/api/v1/executions").body).get("items");
    assertThat(executions).hasSize(3);
    assertThat(refused).hasSize(8);
  }

  @Test
  void an_unversioned_start_runs_the_newest_approved_version_not_a_newer_draft() throws Exception {
    start(FlowApproval.SELF);
    post(AUTHOR, "/api/v1/flows?approve=true", GREET, "application/yaml");
    post(AUTHOR, "/api/v1/flows", GREET.replace("1.0.0", "1.1.0"), "application/yaml");

    Answer started = post(AUTHOR, "/api/v1/flows/gate-greet/executions", "{}", null);

    assertThat(started.status).as(started.body).isEqualTo(202);
    assertThat(started.json().get("version").asText()).isEqualTo("1.0.0");
  }

  @Test
  void four_eyes_refuses_the_author_and_operators_and_admits_another_admin() throws Exception {
    start(FlowApproval.FOUR_EYES);
    Answer selfDeploy = post(AUTHOR, "/api/v1/flows?approve=true", GREET, "application/yaml");
    assertThat(selfDeploy.status).as(selfDeploy.body).isEqualTo(403);
    assertThat(selfDeploy.json().get("detail").asText()).contains("four eyes");

    Answer draft = post(OPERATOR, "/api/v1/flows", GREET, "application/yaml");
    assertThat(draft.status).as(draft.body).isEqualTo(201);
    assertThat(draft.json().at("/review/status").asText()).isEqualTo("draft");
    assertThat(draft.json().at("/review/author").asText()).isEqualTo("key_operator");

    String approve = "/api/v1/flows/gate-greet/versions/1.0.0/approve";
    Answer byOperator = post(OPERATOR, approve, "", null);
    assertThat(byOperator.status).as(byOperator.body).isEqualTo(403);
    assertThat(byOperator.json().get("detail").asText()).contains("needs a key with role admin");

    // the author is an admin here: deploy again as the author of a second version
    post(AUTHOR, "/api/v1/flows", GREET.replace("1.0.0", "1.1.0"), "application/yaml");
    Answer byAuthor = post(AUTHOR, "/api/v1/flows/gate-greet/versions/1.1.0/approve", "", null);
    assertThat(byAuthor.status).as(byAuthor.body).isEqualTo(403);
    assertThat(byAuthor.json().get("detail").asText())
        .contains("deployed by key key_author, which may not approve it too");

    FlowDecision decision = client(REVIEWER).approveFlow("gate-greet", "1.0.0");
    assertThat(decision.review().status()).isEqualTo(FlowVersionStatus.APPROVED);
    assertThat(decision.review().decidedBy()).isEqualTo("key_reviewer");
    assertThat(post(OPERATOR, "/api/v1/flows/gate-greet/executions", "{}", null).status)
        .isEqualTo(202);
  }

  @Test
  void approving_shows_the_diff_against_the_last_approved_version() throws Exception {
    start(FlowApproval.SELF);
    post(AUTHOR, "/api/v1/flows?approve=true", GREET, "application/yaml");
    String next = GREET.replace("1.0.0", "1.1.0").replace("Hello", "Welcome");
    post(AUTHOR, "/api/v1/flows", next, "application/yaml");

    var cliDiff = CliRun.of("flow", "diff", "gate-greet@1.1.0", "--url", url, "--token", REVIEWER);
    var cliApprove =
        CliRun.of("flow", "approve", "gate-greet@1.1.0", "--url", url, "--token", REVIEWER);

    assertThat(cliDiff.exitCode()).as(cliDiff.err()).isZero();
    assertThat(cliDiff.out())
        .contains("+2 -2 lines, against gate-greet@1.0.0, the last approved version")
        .contains("-version: 1.0.0")
        .contains("+version: 1.1.0")
        .contains("+    with: {greeting: \"Welcome, ${inputs.name}\"}");
    assertThat(cliApprove.exitCode()).as(cliApprove.err()).isZero();
    assertThat(cliApprove.out()).contains("+version: 1.1.0").containsPattern("status: +approved");
    JsonNode versions = JSON.readTree(get(AUTHOR, "/api/v1/flows/gate-greet/versions").body);
    assertThat(versions.at("/items/1/status").asText()).isEqualTo("approved");
  }

  @Test
  void a_rejection_needs_a_reason_and_is_final() throws Exception {
    start(FlowApproval.SELF);
    post(AUTHOR, "/api/v1/flows", GREET, "application/yaml");
    String reject = "/api/v1/flows/gate-greet/versions/1.0.0/reject";

    Answer noReason = post(REVIEWER, reject, "{\"reason\": \"  \"}", null);
    var cli =
        CliRun.of(
            "flow",
            "reject",
            "gate-greet@1.0.0",
            "--reason",
            "calls production",
            "--url",
            url,
            "--token",
            REVIEWER);
    Answer approveAfter =
        post(REVIEWER, "/api/v1/flows/gate-greet/versions/1.0.0/approve", "", null);

    assertThat(noReason.status).isEqualTo(400);
    assertThat(noReason.json().get("detail").asText()).contains("/reason is required");
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out())
        .containsPattern("status: +rejected")
        .containsPattern("reason: +calls production");
    assertThat(approveAfter.status).isEqualTo(409);
    assertThat(approveAfter.json().get("detail").asText())
        .contains("was rejected (calls production)");
  }

  @Test
  void of_concurrent_approvals_exactly_one_wins() throws Exception {
    start(FlowApproval.SELF);
    post(AUTHOR, "/api/v1/flows", GREET, "application/yaml");
    var ready = new CountDownLatch(1);
    Callable<Integer> approve =
        () -> {
          ready.await();
          return post(REVIEWER, "/api/v1/flows/gate-greet/versions/1.0.0/approve", "", null).status;
        };
    List<Integer> statuses = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(approve));
      }
      ready.countDown();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get());
      }
    }

    assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
  }

  @Test
  void panic_mode_freezes_changes_and_new_runs_keeps_reads_and_survives_a_restart()
      throws Exception {
    start(FlowApproval.SELF);
    post(AUTHOR, "/api/v1/flows?approve=true", GREET, "application/yaml");
    String nap =
        "id: gate-nap\nversion: 1.0.0\nnodes:\n  - id: nap\n    agent: sleep\n"
            + "    with: {ms: 60000}\n";
    post(AUTHOR, "/api/v1/flows?approve=true", nap, "application/yaml");
    String napping =
        post(AUTHOR, "/api/v1/flows/gate-nap/executions", "{}", null).json().get("id").asText();

    Answer byOperator = put(OPERATOR, "{\"on\": true}");
    var on = CliRun.of("panic", "on", "--reason", "INC-7 leak", "--url", url, "--token", OWNER);

    assertThat(byOperator.status).isEqualTo(403);
    assertThat(on.exitCode()).as(on.err()).isZero();
    assertThat(on.out()).contains("ON").contains("INC-7 leak");
    Answer deploy = post(AUTHOR, "/api/v1/flows", CHILD, "application/yaml");
    assertThat(deploy.status).isEqualTo(423);
    assertThat(deploy.contentType).startsWith("application/problem+json");
    assertThat(deploy.json().get("type").asText()).isEqualTo("urn:aispine:problem:panic-mode");
    assertThat(deploy.json().get("detail").asText())
        .contains("INC-7 leak")
        .contains("aispine panic off");
    assertThat(post(AUTHOR, "/api/v1/flows/gate-greet/executions", "{}", null).status)
        .isEqualTo(423);
    assertThat(get(AUTHOR, "/api/v1/flows/gate-greet").status).isEqualTo(200);
    assertThat(get(AUTHOR, "/api/v1/executions").status).isEqualTo(200);
    // stopping work is what an incident needs: cancelling stays allowed
    assertThat(post(AUTHOR, "/api/v1/executions/" + napping + "/cancel", "", null).status)
        .isEqualTo(202);

    server.close();
    start(FlowApproval.SELF);

    var status = CliRun.of("panic", "status", "--url", url, "--token", OPERATOR);
    assertThat(status.out()).contains("ON").contains("INC-7 leak").contains("key_owner");
    assertThat(post(AUTHOR, "/api/v1/flows/gate-greet/executions", "{}", null).status)
        .isEqualTo(423);
    var off = CliRun.of("panic", "off", "--url", url, "--token", OWNER);
    assertThat(off.exitCode()).as(off.err()).isZero();
    assertThat(post(AUTHOR, "/api/v1/flows/gate-greet/executions", "{}", null).status)
        .isEqualTo(202);
  }

  // ---- helpers

  private static void assertNotApproved(Answer answer, String detail) {
    assertThat(answer.status).as(answer.body).isEqualTo(409);
    assertThat(answer.contentType).startsWith("application/problem+json");
    assertThat(answer.json().get("type").asText())
        .isEqualTo("urn:aispine:problem:flow-not-approved");
    assertThat(answer.json().get("detail").asText()).contains(detail);
  }

  private static ApiKey key(String id, String role, String text) {
    return new ApiKey(id, id, role, sha256(text), Instant.parse("2026-12-07T00:00:00Z"), null);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private AispineClient client(String key) {
    return AispineClient.builder().baseUrl(url).token(key).build();
  }

  private static Execution finish(AispineClient client, Execution started) throws Exception {
    assertThat(client.stream(started.id(), null, e -> {}).await(Duration.ofSeconds(30))).isTrue();
    return client.getExecution(started.id());
  }

  private record Answer(int status, String body, String contentType) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private Answer get(String key, String path) throws Exception {
    return send(request(key, path).GET().build());
  }

  private Answer put(String key, String json) throws Exception {
    return send(
        request(key, "/api/v1/panic")
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private Answer post(String key, String path, String body, String type) throws Exception {
    var builder = request(key, path);
    if (!body.isEmpty() || type != null) {
      builder.header("Content-Type", type == null ? "application/json" : type);
    }
    return send(builder.POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private HttpRequest.Builder request(String key, String path) {
    return HttpRequest.newBuilder(URI.create(url + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key);
  }

  private static Answer send(HttpRequest request) throws Exception {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(
        response.statusCode(),
        response.body(),
        response.headers().firstValue("Content-Type").orElse(""));
  }
}
