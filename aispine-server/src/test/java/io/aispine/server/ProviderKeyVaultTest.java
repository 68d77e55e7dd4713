package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.llm.standin.StandInLlm;
import io.aispine.store.ModelProviders.Kind;
import io.aispine.store.ModelProviders.Provider;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model providers' API keys live encrypted in the secrets store: a key set through the API reaches
 * the provider while no row holds its plain text, and a plaintext key left in the {@code
 * model_providers} table by an earlier release moves there at start and is erased.
 */
class ProviderKeyVaultTest {

  @TempDir Path dataDir;

  private final StandInLlm standIn = StandInLlm.start();
  private final String key = "sk-canary-" + UUID.randomUUID();
  private AispineServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    standIn.close();
  }

  @Test
  void a_key_set_through_the_api_reaches_the_provider_and_no_row_holds_it() throws Exception {
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    var api = new Api(server.port(), server.adminKeyCreated().orElseThrow());
    var added =
        api.putJson(
            "/api/v1/providers/local",
            """
            {"kind": "openai", "base_url": "%s/v1", "api_key": "%s",
             "default_model": "gpt-4o-mini"}"""
                .formatted(standIn.url(), key));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.json().path("has_api_key").asBoolean()).isTrue();

    var checked = api.post("/api/v1/providers/local/test").json();

    assertThat(checked.path("status").asText()).as(checked.toString()).isEqualTo("ok");
    assertThat(standIn.requests().getLast().headers())
        .containsEntry("authorization", "Bearer " + key);
    assertThat(rows("SELECT name FROM secrets")).containsExactly("provider-key:local");
    assertThat(api.get("/api/v1/secrets").json().get("items")).isEmpty(); // not users' secrets
    assertThat(api.get("/api/v1/providers").body()).doesNotContain(key);
    assertNoRowHolds(key);

    // rotating the keyset re-encrypts the key with the rest, and calls keep it
    assertThat(api.post("/api/v1/secrets/rotate").status()).isEqualTo(200);
    assertThat(api.post("/api/v1/providers/local/test").json().path("status").asText())
        .isEqualTo("ok");
    assertThat(standIn.requests().getLast().headers())
        .containsEntry("authorization", "Bearer " + key);

    // removing the provider removes its key
    assertThat(Api.send(api.request("/api/v1/providers/local").DELETE().build()).status())
        .isEqualTo(204);
    assertThat(rows("SELECT name FROM secrets")).isEmpty();
  }

  @Test
  void a_plaintext_key_left_by_an_earlier_release_is_moved_and_erased_at_start() throws Exception {
    // a store as earlier releases left it: the key in plain text in model_providers
    try (var store = JdbcStore.openDataDir(dataDir)) {
      store
          .modelProviders()
          .save(
              new Provider(
                  "default",
                  "claude",
                  Kind.ANTHROPIC,
                  standIn.url(),
                  "claude-x",
                  Duration.ofSeconds(30),
                  true,
                  false,
                  Instant.now()),
              key);
    }
    assertThat(rows("SELECT coalesce(api_key, 'null') FROM model_providers")).containsExactly(key);

    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    var api = new Api(server.port(), server.adminKeyCreated().orElseThrow());

    assertThat(rows("SELECT coalesce(api_key, 'null') FROM model_providers"))
        .containsExactly("null");
    assertThat(rows("SELECT name FROM secrets")).containsExactly("provider-key:claude");
    assertNoRowHolds(key);
    assertThat(api.get("/api/v1/providers/claude").json().path("has_api_key").asBoolean()).isTrue();
    var checked = api.post("/api/v1/providers/claude/test").json();
    assertThat(checked.path("status").asText()).as(checked.toString()).isEqualTo("ok");
    assertThat(standIn.requests().getLast().headers()).containsEntry("x-api-key", key);
  }

  private Connection database() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(JdbcStore.DATABASE_FILE));
  }

  /** Every column of every row of every table, as SecretsCanaryContract scans them. */
  private void assertNoRowHolds(String plaintext) throws Exception {
    try (var connection = database()) {
      for (String table : rows("SELECT name FROM sqlite_master WHERE type = 'table'")) {
        try (var result = connection.createStatement().executeQuery("SELECT * FROM " + table)) {
          int columns = result.getMetaData().getColumnCount();
          while (result.next()) {
            for (int c = 1; c <= columns; c++) {
              byte[] bytes = result.getBytes(c);
              String text = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
              assertThat(text).as(table + " column " + c).doesNotContain(plaintext);
            }
          }
        }
      }
    }
  }

  private List<String> rows(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (var connection = database();
        var result = connection.createStatement().executeQuery(sql)) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }
}
