package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.f4b6a3.ulid.UlidCreator;
import io.aispine.server.internal.auth.ApiKeyText;
import io.aispine.store.ApiKey;
import io.aispine.store.AuditChain;
import io.aispine.store.AuditEntry;
import io.aispine.store.AuditQuery;
import io.aispine.store.jdbc.JdbcStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Audited changes through the real server, then the log tampered with by JDBC: verification names
 * the edited entry and the gap a deleted one leaves. Runs on SQLite; {@link PostgresAuditLogTest}
 * runs it on PostgreSQL.
 */
class AuditLogTest extends ServerTestBase {

  /** The store's JDBC URL, for tampering with it directly. */
  protected String jdbcUrl() {
    return "jdbc:sqlite:" + dataDir.resolve(JdbcStore.DATABASE_FILE);
  }

  private JdbcStore openStore() {
    String url = config().dbUrl();
    return url != null ? JdbcStore.open(url) : JdbcStore.openDataDir(dataDir);
  }

  @Test
  void records_mutations_and_refusals_and_names_edited_and_deleted_entries() throws Exception {
    var deployed = api.deploy(HELLO);
    assertThat(deployed.status()).isEqualTo(201);
    assertThat(deployed.header(AuditTrailHeader.NAME)).startsWith("req_");
    String execution = api.start("hello", "{\"name\": \"Ada\"}");
    api.awaitFinished(execution);
    // a bad-input mutation, a bad key and a viewer reading the log
    assertThat(api.postYaml("/api/v1/flows", "id: [").status()).isEqualTo(400);
    var badKey = new Api(server.port(), "ask_nope").get("/api/v1/flows");
    assertThat(badKey.status()).isEqualTo(401);
    String viewerKey = createViewerKey();
    var forbidden =
        Api.send(
            HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/audit"))
                .header("Authorization", "Bearer " + viewerKey)
                .header(AuditTrailHeader.NAME, "trace-42")
                .build());
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.header(AuditTrailHeader.NAME)).isEqualTo("trace-42");

    JsonNode items = api.get("/api/v1/audit").json().get("items");
    assertThat(items.findValuesAsText("action"))
        .containsExactly("flow.deploy", "execution.start", "flow.deploy", "get", "get");
    JsonNode deploy = items.get(0);
    assertThat(deploy.get("outcome").asText()).isEqualTo("ok");
    assertThat(deploy.get("target_id").asText()).isEqualTo("hello@1.0.0");
    assertThat(deploy.get("before_hash").isNull()).isTrue();
    assertThat(deploy.get("after_hash").asText()).hasSize(64);
    assertThat(deploy.get("request_id").asText()).isEqualTo(deployed.header(AuditTrailHeader.NAME));
    assertThat(items.get(1).get("target_id").asText()).isEqualTo(execution);
    assertThat(items.get(1).get("after_hash").asText()).hasSize(64);
    assertThat(items.get(2).get("outcome").asText()).isEqualTo("refused");
    assertThat(items.get(2).get("status").asInt()).isEqualTo(400);
    assertThat(items.get(3).get("status").asInt()).isEqualTo(401);
    assertThat(items.get(3).get("key_id").isNull()).isTrue();
    assertThat(items.get(4).get("status").asInt()).isEqualTo(403);
    assertThat(items.get(4).get("role").asText()).isEqualTo("viewer");
    assertThat(items.get(4).get("request_id").asText()).isEqualTo("trace-42");
    assertThat(api.get("/api/v1/audit?outcome=refused&limit=2").json().get("items").size())
        .isEqualTo(2);

    server.close();
    assertThat(verify()).isEmpty();

    sql("UPDATE audit_log SET target_id = 'other' WHERE seq = 2");
    assertThat(verify()).hasValueSatisfying(b -> assertThat(b.seq()).isEqualTo(2));
    assertThat(verify().orElseThrow().reason()).contains("edited");
    sql("UPDATE audit_log SET target_id = '" + execution + "' WHERE seq = 2");
    assertThat(verify()).isEmpty();

    sql("DELETE FROM audit_log WHERE seq = 3");
    assertThat(verify()).hasValueSatisfying(b -> assertThat(b.seq()).isEqualTo(4));
    assertThat(verify().orElseThrow().reason()).contains("entries 3 are missing");
    server = null;
  }

  private Optional<AuditChain.Break> verify() {
    try (JdbcStore store = openStore()) {
      List<AuditEntry> all = store.audit().list(AuditQuery.all(0, 10_000));
      return AuditChain.verify(all);
    }
  }

  private void sql(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(jdbcUrl());
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  private String createViewerKey() {
    server.close();
    String key = ApiKeyText.generate();
    try (JdbcStore store = openStore()) {
      String id = "key_" + UlidCreator.getMonotonicUlid().toString().toLowerCase(Locale.ROOT);
      store
          .apiKeys()
          .create(new ApiKey(id, "auditor", "viewer", ApiKeyText.sha256(key), Instant.now(), null));
    }
    server = AispineServer.start(config(), clock());
    api = new Api(server.port(), adminKey);
    return key;
  }

  /** The request id header's name. */
  private static final class AuditTrailHeader {
    static final String NAME = io.aispine.server.internal.audit.AuditTrail.REQUEST_ID;
  }
}
