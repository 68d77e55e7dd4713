package io.aispine.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.ApprovalStatus;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.store.Approval;
import io.aispine.store.ApprovalQuery;
import io.aispine.store.jdbc.JdbcStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of approvals by crashing: a child JVM running {@link ApprovalCrashWorkload} is killed
 * with SIGKILL while it starts executions that ask for approvals, and again while it answers them.
 * After the kills every execution has exactly one approval, asked once and answered once, and has
 * finished with the answer its later node read.
 */
class ApprovalCrashTest {

  private static final int EXECUTIONS = 100;
  private static final int KILLS = 2;

  @TempDir Path dir;

  @Test
  void kills_while_asking_and_answering_lose_no_approval_and_apply_no_answer_twice()
      throws Exception {
    long seed = System.nanoTime();
    var random = new Random(seed);
    for (int kill = 0; kill < KILLS; kill++) {
      killWhileWorking("start", random);
    }
    finish("start", "STARTED");

    try (var store = JdbcStore.openDataDir(dir.resolve("data"))) {
      List<ExecutionState> executions = store.executions().list(null, EXECUTIONS * 2);
      assertThat(executions).as("executions (seed %d)", seed).hasSize(EXECUTIONS);
      Map<String, Approval> approvals = approvalsByExecution(store);
      assertThat(approvals).as("one approval per execution (seed %d)", seed).hasSize(EXECUTIONS);
      assertThat(approvals.values()).allMatch(a -> a.status() == ApprovalStatus.PENDING);
    }

    var pendingAfterKills = new ArrayList<Long>();
    for (int kill = 0; kill < KILLS; kill++) {
      killWhileWorking("answer", random);
      try (var store = JdbcStore.openDataDir(dir.resolve("data"))) {
        pendingAfterKills.add(
            approvalsByExecution(store).values().stream()
                .filter(a -> a.status() == ApprovalStatus.PENDING)
                .count());
      }
    }
    finish("answer", "DONE");
    System.out.printf(
        "approval crash test (seed %d): %d kills while answering left %s of %d approvals pending%n",
        seed, KILLS, pendingAfterKills, EXECUTIONS);
    // a kill must have hit the answering half-way, or this test proved nothing about it
    assertThat(pendingAfterKills)
        .as("approvals pending after each kill while answering (seed %d)", seed)
        .anyMatch(pending -> pending > 0 && pending < EXECUTIONS);

    try (var store = JdbcStore.openDataDir(dir.resolve("data"))) {
      Map<String, Approval> approvals = approvalsByExecution(store);
      for (ExecutionState execution : store.executions().list(null, EXECUTIONS * 2)) {
        String what = execution.id() + " (seed " + seed + ")";
        assertThat(execution.status()).as(what).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<ExecutionEvent> history = store.executions().events(execution.id(), 0, 10_000);
        Map<String, Long> counts =
            history.stream()
                .collect(Collectors.groupingBy(e -> e.type().wireName(), Collectors.counting()));
        assertThat(counts).as(what).containsEntry("approval.requested", 1L);
        assertThat(counts).as(what).containsEntry("approval.answered", 1L);
        assertThat(counts).as(what).doesNotContainKey("approval.expired");
        Approval approval = approvals.get(execution.id());
        assertThat(approval.status()).as(what).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(approval.answeredBy()).isEqualTo(ApprovalCrashWorkload.ANSWERED_BY);
        assertThat(execution.node("pay").output())
            .as(what)
            .isEqualTo(Map.of("approved", true, "by", ApprovalCrashWorkload.ANSWERED_BY));
        assertThat(((Map<?, ?>) execution.node("review").output()).get("comment"))
            .isEqualTo(approval.comment());
      }
      assertThat(store.executions().tasks()).isEmpty();
    }
  }

  private static Map<String, Approval> approvalsByExecution(JdbcStore store) {
    return store.approvals().list(new ApprovalQuery(Set.of(), null, null, 10_000)).stream()
        .collect(Collectors.toMap(Approval::executionId, Function.identity()));
  }

  /** Runs the workload in {@code mode} and kills it a random moment after it started working. */
  private void killWhileWorking(String mode, Random random) throws Exception {
    Process child = launch(mode);
    awaitLine(child, "WORKING", 60);
    Thread.sleep(random.nextInt(400));
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child died after the kill").isTrue();
  }

  private void finish(String mode, String doneLine) throws Exception {
    Process child = launch(mode);
    awaitLine(child, doneLine, 120);
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as("exit code of the %s run", mode).isZero();
  }

  private Process launch(String mode) throws IOException {
    return ChildJvm.launch(
        dir.resolve("workload.log"),
        ApprovalCrashWorkload.class,
        dir.resolve("data").toString(),
        String.valueOf(EXECUTIONS),
        mode);
  }

  private void awaitLine(Process child, String expected, int seconds) throws Exception {
    ChildJvm.awaitLine(child, expected, seconds, dir.resolve("workload.log"));
  }
}
