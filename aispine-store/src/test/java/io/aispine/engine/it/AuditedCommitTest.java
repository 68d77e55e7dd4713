package io.aispine.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.aispine.execution.NodeStatus;
import io.aispine.flow.Flow;
import io.aispine.store.ApprovalQuery;
import io.aispine.store.AuditActor;
import io.aispine.store.AuditEntry;
import io.aispine.store.AuditEvent;
import io.aispine.store.AuditLog;
import io.aispine.store.AuditOutcome;
import io.aispine.store.AuditQuery;
import io.aispine.store.AuditScope;
import io.aispine.store.AuditTarget;
import io.aispine.store.StoreException;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit entry of an API call into the engine is written by the engine's own commit: the change
 * and its entry are both in the store or neither is, on a real SQLite store.
 */
class AuditedCommitTest {

  private static final Flow FLOW =
      EngineHarness.parse(
          """
          id: audited
          version: 1.0.0
          nodes:
            - {id: review, type: approval, message: "Go?"}
          """);

  @TempDir Path dataDir;

  private EngineHarness open() {
    return EngineHarness.open(() -> JdbcStore.openDataDir(dataDir), new TestAgents());
  }

  @Test
  void starting_cancelling_and_answering_append_their_entries_in_the_engines_commits()
      throws Exception {
    try (var h = open()) {
      var start = pending("execution.start", null);
      String id = AuditScope.run(start, () -> h.engine().start(FLOW, Map.of()));

      assertThat(start.entry()).as("appended by the start's commit").isNotNull();
      assertThat(start.entry().event().target()).isEqualTo(new AuditTarget("execution", id));
      assertThat(start.entry().event().hashes().before()).isNull();
      assertThat(start.entry().event().hashes().after()).hasSize(64);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  h.engine().execution(id).orElseThrow().node("review").status()
                      == NodeStatus.WAITING);
      String approval =
          h.store().approvals().list(new ApprovalQuery(Set.of(), id, null, 10)).getFirst().id();
      var answer = pending("approval.approve", new AuditTarget("approval", approval));
      boolean applied =
          AuditScope.run(
              answer, () -> h.engine().answerApproval(approval, true, null, "ops", "key_ops"));

      assertThat(applied).isTrue();
      assertThat(answer.entry()).isNotNull();
      assertThat(answer.entry().event().hashes().before())
          .hasSize(64)
          .isNotEqualTo(answer.entry().event().hashes().after());

      var late = pending("execution.cancel", new AuditTarget("execution", id));
      h.await(id);
      AuditScope.run(
          late,
          () -> {
            h.engine().cancel(id, "too late");
            return null;
          });
      assertThat(late.entry()).as("a cancel that changes nothing appends nothing").isNull();

      List<AuditEntry> log = h.store().audit().list(AuditQuery.all(0, 10));
      assertThat(log)
          .extracting(e -> e.event().action())
          .containsExactly("execution.start", "approval.approve");
      assertThat(h.store().audit().verify().broken()).isNull();
    }
  }

  @Test
  void a_start_whose_audit_entry_cannot_be_written_is_not_committed() throws Exception {
    try (var h = open()) {
      sql(
          "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log"
              + " BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
      var start = pending("execution.start", null);

      assertThatThrownBy(() -> AuditScope.run(start, () -> h.engine().start(FLOW, Map.of())))
          .isInstanceOf(StoreException.class);

      assertThat(start.entry()).isNull();
      assertThat(count("executions")).as("no execution without its entry").isZero();
      assertThat(count("audit_log")).isZero();
    }
  }

  @Test
  void a_start_the_store_refuses_leaves_no_entry() throws Exception {
    try (var h = open()) {
      sql(
          "CREATE TRIGGER refuse_start BEFORE INSERT ON executions"
              + " BEGIN SELECT RAISE(ABORT, 'start refused'); END");
      var start = pending("execution.start", null);

      assertThatThrownBy(() -> AuditScope.run(start, () -> h.engine().start(FLOW, Map.of())))
          .isInstanceOf(StoreException.class);

      assertThat(start.entry()).isNull();
      assertThat(count("audit_log")).as("no entry without its execution").isZero();
      assertThat(count("executions")).isZero();
    }
  }

  private static AuditLog.Pending pending(String action, AuditTarget target) {
    return new AuditLog.Pending(
        new AuditEvent(
            Instant.now(),
            AuditEvent.DEFAULT_WORKSPACE,
            new AuditActor("key_ops", "operator", "127.0.0.1"),
            action,
            target,
            AuditOutcome.OK,
            "req_test",
            null));
  }

  private String url() {
    return "jdbc:sqlite:" + dataDir.resolve(JdbcStore.DATABASE_FILE);
  }

  private void sql(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(url());
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  private long count(String table) throws Exception {
    try (Connection connection = DriverManager.getConnection(url());
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      row.next();
      return row.getLong(1);
    }
  }
}
