package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.f4b6a3.ulid.UlidCreator;
import io.aispine.server.internal.auth.ApiKeyText;
import io.aispine.store.ApiKey;
import io.aispine.store.jdbc.JdbcStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/approvals} over real HTTP, with keys of every role. */
class ApprovalRoutesTest extends ServerTestBase {

  static final String REFUND =
      """
      id: refund
      version: 1.0.0
      inputs:
        amount: {type: number, required: true}
      nodes:
        - {id: quote, agent: echo, with: {amount: "${inputs.amount}"}}
        - id: review
          type: approval
          needs: quote
          message: "Refund ${nodes.quote.output.amount} EUR?"
          approvers: {roles: [operator]}
          timeout: 24h
        - id: route
          type: decision
          needs: review
          when:
            - if: "nodes.review.output.approved"
              then: pay
          else: decline
        - {id: pay, agent: echo, with: {by: "${nodes.review.output.by}", note: "${nodes.review.output.comment}"}}
        - {id: decline, agent: echo, with: {declined: true}}
      outputs:
        approved: "${nodes.review.output.approved}"
        by: "${nodes.review.output.by}"
      """;

  static final String BOSS_ONLY =
      """
      id: boss
      version: 1.0.0
      nodes:
        - {id: sign, type: approval, message: "Sign?", approvers: {roles: admin}}
      """;

  private Api operator;
  private Api viewer;

  @BeforeEach
  void createKeysOfEveryRole() {
    server.close();
    String operatorKey;
    String viewerKey;
    try (var store = JdbcStore.openDataDir(dataDir)) {
      operatorKey = createKey(store, "ops-alice", "operator");
      viewerKey = createKey(store, "auditor", "viewer");
    }
    server = AispineServer.start(config());
    api = new Api(server.port(), adminKey);
    operator = new Api(server.port(), operatorKey);
    viewer = new Api(server.port(), viewerKey);
    assertThat(api.deploy(REFUND).status()).isEqualTo(201);
    assertThat(api.deploy(BOSS_ONLY).status()).isEqualTo(201);
  }

  private static String createKey(JdbcStore store, String name, String role) {
    String key = ApiKeyText.generate();
    String id = "key_" + UlidCreator.getMonotonicUlid().toString().toLowerCase(Locale.ROOT);
    store.apiKeys().create(new ApiKey(id, name, role, ApiKeyText.sha256(key), Instant.now(), null));
    return key;
  }

  /** Starts an execution and waits until its approval is pending; returns the approval. */
  private JsonNode startAndAwaitApproval(String flow, String inputs) {
    String id = api.start(flow, inputs);
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              JsonNode items = api.get("/api/v1/approvals?execution=" + id).json().get("items");
              return items.isEmpty() ? null : items.get(0);
            },
            item -> item != null);
  }

  @Test
  void lists_a_pending_approval_and_approves_it_with_a_comment_that_later_nodes_read() {
    JsonNode pending = startAndAwaitApproval("refund", "{\"amount\": 120}");
    String approvalId = pending.get("id").asText();
    String executionId = pending.get("execution").asText();

    assertThat(approvalId).startsWith("ap_");
    assertThat(pending.get("status").asText()).isEqualTo("pending");
    assertThat(pending.get("node").asText()).isEqualTo("review");
    assertThat(pending.get("flow").asText()).isEqualTo("refund");
    assertThat(pending.get("message").asText()).isEqualTo("Refund 120 EUR?");
    assertThat(pending.get("approvers").toString()).isEqualTo("[\"operator\"]");
    assertThat(pending.get("expires_at").isNull()).isFalse();
    JsonNode inbox = viewer.get("/api/v1/approvals?status=pending").json();
    assertThat(inbox.get("items")).extracting(i -> i.get("id").asText()).contains(approvalId);
    assertThat(viewer.get("/api/v1/approvals/" + approvalId).json().get("message").asText())
        .isEqualTo("Refund 120 EUR?");

    Api.Answer approved =
        operator.postJson(
            "/api/v1/approvals/" + approvalId + "/approve", "{\"comment\": \"receipt checked\"}");

    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().get("status").asText()).isEqualTo("approved");
    assertThat(approved.json().get("comment").asText()).isEqualTo("receipt checked");
    assertThat(approved.json().get("answered_by").asText()).isEqualTo("ops-alice");
    assertThat(approved.json().get("answered_by_key").asText()).startsWith("key_");
    assertThat(approved.json().get("answered_at").isNull()).isFalse();
    JsonNode done = api.awaitFinished(executionId);
    assertThat(done.get("status").asText()).isEqualTo("succeeded");
    assertThat(done.at("/outputs/approved").asBoolean()).isTrue();
    assertThat(done.at("/outputs/by").asText()).isEqualTo("ops-alice");
    assertThat(node(done, "pay").at("/output/note").asText()).isEqualTo("receipt checked");
    assertThat(node(done, "decline").get("status").asText()).isEqualTo("skipped");
    List<String> history = new ArrayList<>();
    api.get("/api/v1/executions/" + executionId + "/events?limit=500")
        .json()
        .get("items")
        .forEach(e -> history.add(e.get("type").asText()));
    assertThat(history).contains("approval.requested", "approval.answered");
    JsonNode stillPending =
        api.get("/api/v1/approvals?status=pending&execution=" + executionId).json();
    assertThat(stillPending.get("items").size()).isZero();
  }

  @Test
  void rejects_without_a_body_and_the_flow_takes_the_other_branch() {
    JsonNode pending = startAndAwaitApproval("refund", "{\"amount\": 9000}");

    Api.Answer rejected =
        operator.post("/api/v1/approvals/" + pending.get("id").asText() + "/reject");

    assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
    assertThat(rejected.json().get("status").asText()).isEqualTo("rejected");
    assertThat(rejected.json().get("comment").isNull()).isTrue();
    JsonNode done = api.awaitFinished(pending.get("execution").asText());
    assertThat(done.at("/outputs/approved").asBoolean()).isFalse();
    assertThat(node(done, "decline").get("status").asText()).isEqualTo("succeeded");
    assertThat(node(done, "pay").get("status").asText()).isEqualTo("skipped");
  }

  @Test
  void viewer_keys_read_but_may_not_answer_and_other_roles_only_when_they_are_approvers() {
    JsonNode refund = startAndAwaitApproval("refund", "{\"amount\": 1}");
    JsonNode boss = startAndAwaitApproval("boss", "{}");

    Api.Answer byViewer =
        viewer.post("/api/v1/approvals/" + refund.get("id").asText() + "/approve");
    Api.Answer byOperator =
        operator.post("/api/v1/approvals/" + boss.get("id").asText() + "/approve");

    assertThat(byViewer.status()).isEqualTo(403);
    assertThat(byViewer.contentType()).startsWith("application/problem+json");
    assertThat(byViewer.json().get("detail").asText())
        .contains("needs a key with role operator or above; API key 'auditor'");
    assertThat(byOperator.status()).isEqualTo(403);
    assertThat(byOperator.json().get("detail").asText())
        .contains("may be answered by admin keys")
        .contains("'ops-alice' is operator");
    assertThat(
            api.get("/api/v1/approvals/" + boss.get("id").asText()).json().get("status").asText())
        .isEqualTo("pending");
    // admin may always answer, whatever the approvers
    assertThat(api.post("/api/v1/approvals/" + refund.get("id").asText() + "/approve").status())
        .isEqualTo(200);
    assertThat(api.post("/api/v1/approvals/" + boss.get("id").asText() + "/approve").status())
        .isEqualTo(200);
  }

  @Test
  void answers_404_for_an_unknown_approval_and_409_for_a_second_answer() {
    JsonNode pending = startAndAwaitApproval("refund", "{\"amount\": 3}");
    String path = "/api/v1/approvals/" + pending.get("id").asText();
    assertThat(operator.post(path + "/approve").status()).isEqualTo(200);

    Api.Answer again = operator.postJson(path + "/reject", "{\"comment\": \"changed my mind\"}");

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("detail").asText()).contains("was already approved by ops-alice");
    assertThat(api.get(path).json().get("status").asText()).isEqualTo("approved");
    assertThat(api.get("/api/v1/approvals/ap_nope").status()).isEqualTo(404);
    Api.Answer unknown = operator.post("/api/v1/approvals/ap_nope/approve");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("detail").asText()).contains("no approval 'ap_nope'");
  }

  @Test
  void refuses_bad_bodies_and_parameters_with_400_naming_the_problem() {
    JsonNode pending = startAndAwaitApproval("refund", "{\"amount\": 4}");
    String approve = "/api/v1/approvals/" + pending.get("id").asText() + "/approve";

    Api.Answer number = operator.postJson(approve, "{\"comment\": 42}");
    Api.Answer unknownField = operator.postJson(approve, "{\"note\": \"x\"}");
    Api.Answer malformed = operator.postJson(approve, "{\"comment\": ");
    Api.Answer tooLong = operator.postJson(approve, "{\"comment\": \"" + "x".repeat(4001) + "\"}");
    Api.Answer badStatus = api.get("/api/v1/approvals?status=waiting");
    Api.Answer badCursor = api.get("/api/v1/approvals?cursor=nonsense");
    Api.Answer unknownParam = api.get("/api/v1/approvals?state=pending");

    assertThat(number.status()).isEqualTo(400);
    assertThat(number.json().at("/errors/0/pointer").asText()).isEqualTo("/comment");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.json().get("detail").asText()).contains("unknown field 'note'");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("detail").asText()).contains("malformed JSON");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("detail").asText()).contains("at most 4000 characters");
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.json().get("detail").asText())
        .contains("pending, approved, rejected, expired, cancelled");
    assertThat(badCursor.status()).isEqualTo(400);
    assertThat(unknownParam.status()).isEqualTo(400);
    // none of that answered the approval
    assertThat(
            api.get("/api/v1/approvals/" + pending.get("id").asText())
                .json()
                .get("status")
                .asText())
        .isEqualTo("pending");
  }

  @Test
  void pages_through_approvals_with_the_cursor() {
    var ids = new ArrayList<String>();
    for (int i = 0; i < 3; i++) {
      ids.add(startAndAwaitApproval("refund", "{\"amount\": " + i + "}").get("id").asText());
    }

    JsonNode first = api.get("/api/v1/approvals?limit=2").json();
    JsonNode second =
        api.get("/api/v1/approvals?limit=2&cursor=" + first.get("next_cursor").asText()).json();

    List<String> seen = new ArrayList<>();
    first.get("items").forEach(i -> seen.add(i.get("id").asText()));
    second.get("items").forEach(i -> seen.add(i.get("id").asText()));
    assertThat(seen).containsExactlyElementsOf(ids.reversed());
    assertThat(second.get("next_cursor").isNull()).isTrue();
  }

  @Test
  void an_approval_pending_before_a_restart_is_answered_after_it() {
    JsonNode pending = startAndAwaitApproval("refund", "{\"amount\": 77}");
    String operatorKey = operator.key();

    restart();
    operator = new Api(server.port(), operatorKey);

    String path = "/api/v1/approvals/" + pending.get("id").asText();
    assertThat(api.get(path).json().get("status").asText()).isEqualTo("pending");
    assertThat(operator.postJson(path + "/approve", "{\"comment\": \"after restart\"}").status())
        .isEqualTo(200);
    JsonNode done = api.awaitFinished(pending.get("execution").asText());
    assertThat(done.get("status").asText()).isEqualTo("succeeded");
    assertThat(node(done, "pay").at("/output/note").asText()).isEqualTo("after restart");
    assertThat(node(done, "pay").at("/output/by").asText()).isEqualTo("ops-alice");
  }

  @Test
  void an_approval_nobody_answers_times_out_and_can_no_longer_be_answered() {
    api.deploy(
        """
        id: quick
        version: 1.0.0
        nodes:
          - {id: review, type: approval, timeout: 300ms, on_timeout: approve}
          - {id: after, agent: echo, needs: review, with: {ok: "${nodes.review.output.approved}"}}
        """);
    JsonNode pending = startAndAwaitApproval("quick", "{}");
    String path = "/api/v1/approvals/" + pending.get("id").asText();

    JsonNode done = api.awaitFinished(pending.get("execution").asText());

    assertThat(done.get("status").asText()).isEqualTo("succeeded");
    assertThat(node(done, "review").at("/output/timed_out").asBoolean()).isTrue();
    assertThat(node(done, "review").at("/output/by").asText()).isEqualTo("timeout");
    assertThat(node(done, "after").at("/output/ok").asBoolean()).isTrue();
    JsonNode expired = api.get(path).json();
    assertThat(expired.get("status").asText()).isEqualTo("expired");
    assertThat(expired.get("answered_by").asText()).isEqualTo("timeout");
    Api.Answer late = operator.post(path + "/approve");
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.json().get("detail").asText()).contains("expired");
  }

  @Test
  void cancelling_the_execution_cancels_its_approval() {
    JsonNode pending = startAndAwaitApproval("refund", "{\"amount\": 5}");

    assertThat(
            api.post("/api/v1/executions/" + pending.get("execution").asText() + "/cancel")
                .status())
        .isEqualTo(202);

    String path = "/api/v1/approvals/" + pending.get("id").asText();
    assertThat(api.get(path).json().get("status").asText()).isEqualTo("cancelled");
    assertThat(operator.post(path + "/approve").status()).isEqualTo(409);
  }

  private static JsonNode node(JsonNode execution, String path) {
    for (JsonNode node : execution.get("nodes")) {
      if (node.get("path").asText().equals(path)) {
        return node;
      }
    }
    throw new AssertionError("no node " + path + " in " + execution);
  }
}
