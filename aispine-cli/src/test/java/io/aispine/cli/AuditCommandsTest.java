package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.cli.command.ExitCodes;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aispine audit list|verify} against a real server on SQLite, then with rows of {@code
 * audit_log} edited and deleted behind its back: verify names the first broken entry and exits 1.
 * {@link PostgresAuditCommandsTest} runs it on PostgreSQL.
 */
class AuditCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXAMPLE = Path.of("../examples/flows/approval.yaml").toString();

  @TempDir Path dataDir;
  @TempDir Path home;

  private AispineServer server;
  private String key;

  /** The server's store: null for SQLite in the data dir. */
  protected String dbUrl() {
    return null;
  }

  /** The JDBC URL to tamper with the store through. */
  protected String jdbcUrl() {
    return "jdbc:sqlite:" + dataDir.resolve(JdbcStore.DATABASE_FILE);
  }

  @BeforeEach
  void start() {
    System.setProperty("aispine.config", home.resolve("config.yaml").toString());
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, dbUrl()));
    key = server.adminKeyCreated().orElseThrow();
  }

  @AfterEach
  void stop() {
    server.close();
    System.clearProperty("aispine.config");
  }

  private CliRun remote(String... args) {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + server.port(), "--token", key));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void lists_the_log_and_verify_names_the_first_edited_or_deleted_entry() throws Exception {
    assertThat(remote("flow", "deploy", EXAMPLE, "--approve").exitCode()).isZero();
    var run = remote("flow", "run", "approval", "-i", "amount=7");
    assertThat(run.exitCode()).as(run.err()).isZero();
    var refused =
        CliRun.of("flow", "list", "--url", "http://127.0.0.1:" + server.port(), "--token", "x");
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.AUTH);

    var table = remote("audit", "list");
    var json = remote("audit", "list", "--json", "--action", "execution.start");
    var intact = remote("audit", "verify");

    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out())
        .contains("SEQ", "ACTION", "OUTCOME")
        .contains("flow.deploy", "execution.start", "refused 401");
    JsonNode page = JSON.readTree(json.out());
    assertThat(page.get("items")).hasSize(1);
    assertThat(page.at("/items/0/target_type").asText()).isEqualTo("execution");
    assertThat(page.at("/items/0/seq").asLong()).isEqualTo(2);
    assertThat(intact.exitCode()).as(intact.err()).isZero();
    assertThat(intact.out()).contains("intact: 3 entries");

    sql("UPDATE audit_log SET source = '10.6.6.6' WHERE seq = 2");
    var edited = remote("audit", "verify");
    assertThat(edited.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(edited.out()).contains("broken at entry 2").contains("edited");

    sql("DELETE FROM audit_log WHERE seq = 2");
    var deleted = remote("audit", "verify", "-o", "json");
    assertThat(deleted.exitCode()).isEqualTo(ExitCodes.FAILED);
    JsonNode found = JSON.readTree(deleted.out());
    assertThat(found.get("intact").asBoolean()).isFalse();
    assertThat(found.get("broken_seq").asLong()).isEqualTo(3);
    assertThat(found.get("reason").asText()).contains("entries 2 are missing");
  }

  private void sql(String sql) throws Exception {
    server.close(); // the store is closed while it is tampered with, as an intruder would
    try (Connection connection = DriverManager.getConnection(jdbcUrl());
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, dbUrl()));
  }
}
