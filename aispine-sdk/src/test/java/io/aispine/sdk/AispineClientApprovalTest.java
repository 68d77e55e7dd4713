package io.aispine.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.api.Approval;
import io.aispine.api.ApprovalStatus;
import io.aispine.api.Execution;
import io.aispine.api.Page;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The approval methods of the client against the real server. */
class AispineClientApprovalTest {

  private static final String REVIEW =
      """
      id: review
      version: 1.0.0
      nodes:
        - {id: ask, type: approval, message: "Publish the post?"}
        - {id: after, agent: echo, needs: ask, with: {approved: "${nodes.ask.output.approved}"}}
      outputs:
        approved: "${nodes.after.output.approved}"
      """;

  @TempDir Path dataDir;
  private AispineServer server;
  private AispineClient client;

  @BeforeEach
  void start() {
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    client =
        AispineClient.builder()
            .baseUrl("http://127.0.0.1:" + server.port())
            .token(server.adminKeyCreated().orElseThrow())
            .build();
    client.deployApprovedFlow(REVIEW);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  /** Starts an execution and returns the id of its approval, announced on the event stream. */
  private String startAndAwaitApproval() throws Exception {
    Execution started = client.startExecution("review", Map.of());
    var requested = new CompletableFuture<String>();
    try (EventStream stream =
        client.stream(
            started.id(),
            null,
            e -> {
              if (e.type().equals("approval.requested")) {
                requested.complete((String) e.data().get("approval_id"));
              }
            })) {
      return requested.get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void lists_gets_and_approves_an_approval_then_the_execution_finishes() throws Exception {
    String id = startAndAwaitApproval();

    Page<Approval> pending = client.listApprovals(ApprovalQuery.pending());
    Approval approval = client.getApproval(id);
    Approval approved = client.approve(id, "ship it");

    assertThat(pending.items()).extracting(Approval::id).containsExactly(id);
    assertThat(approval.status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(approval.message()).isEqualTo("Publish the post?");
    assertThat(approval.approvers()).containsExactly("admin", "operator");
    assertThat(approval.expiresAt()).isNull();
    assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(approved.comment()).isEqualTo("ship it");
    assertThat(approved.answeredBy()).isEqualTo("admin");
    assertThat(approved.answeredAt()).isNotNull();
    Execution done = awaitEnd(approval.execution());
    assertThat(done.outputs()).isEqualTo(Map.of("approved", true));
    assertThat(client.listApprovals(ApprovalQuery.pending()).items()).isEmpty();
    assertThat(
            client
                .listApprovals(
                    ApprovalQuery.all()
                        .withExecution(approval.execution())
                        .withStatuses(List.of(ApprovalStatus.APPROVED)))
                .items())
        .extracting(Approval::id)
        .containsExactly(id);
  }

  @Test
  void a_rejection_is_final_and_a_second_answer_is_a_409_problem() throws Exception {
    String id = startAndAwaitApproval();

    Approval rejected = client.reject(id, null);

    assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
    assertThat(rejected.comment()).isNull();
    assertThatThrownBy(() -> client.approve(id, "too late"))
        .isInstanceOfSatisfying(
            AispineApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.problem().detail()).contains("already rejected by admin");
            });
    assertThatThrownBy(() -> client.getApproval("ap_missing"))
        .isInstanceOfSatisfying(
            AispineApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(awaitEnd(rejected.execution()).outputs()).isEqualTo(Map.of("approved", false));
  }

  private Execution awaitEnd(String executionId) throws Exception {
    try (EventStream stream = client.stream(executionId, null, e -> {})) {
      assertThat(stream.await(Duration.ofSeconds(20))).isTrue();
    }
    return client.getExecution(executionId);
  }
}
