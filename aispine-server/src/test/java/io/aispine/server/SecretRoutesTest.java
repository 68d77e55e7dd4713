package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.server.internal.auth.ApiKeyText;
import io.aispine.server.secrets.SecretVault;
import io.aispine.store.ApiKey;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/secrets}: write-only, admin only, validated, rotated without losing a value. */
class SecretRoutesTest extends ServerTestBase {

  private Api.Answer delete(String path) {
    return Api.send(api.request(path).DELETE().build());
  }

  @Test
  void sets_lists_and_deletes_secrets_without_ever_returning_a_value() {
    Api.Answer created = api.putJson("/api/v1/secrets/DB_PASSWORD", "{\"value\": \"hunter2-xyz\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().get("name").asText()).isEqualTo("DB_PASSWORD");
    assertThat(created.json().has("key_version")).isTrue();
    Api.Answer replaced = api.putJson("/api/v1/secrets/DB_PASSWORD", "{\"value\": \"other-xyz\"}");
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.json().get("created_at")).isEqualTo(created.json().get("created_at"));

    Api.Answer listed = api.get("/api/v1/secrets");
    assertThat(listed.json().at("/items/0/name").asText()).isEqualTo("DB_PASSWORD");
    assertThat(listed.body()).doesNotContain("hunter2").doesNotContain("other-xyz");
    assertThat(created.body() + replaced.body()).doesNotContain("xyz\"");

    assertThat(delete("/api/v1/secrets/DB_PASSWORD").status()).isEqualTo(204);
    Api.Answer gone = delete("/api/v1/secrets/DB_PASSWORD");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.contentType()).startsWith("application/problem+json");
  }

  @Test
  void refuses_bad_names_and_values_with_a_problem_that_never_quotes_the_value() {
    assertProblem(api.putJson("/api/v1/secrets/9lives", "{\"value\": \"v\"}"), 400, "[A-Za-z_]");
    assertProblem(
        api.putJson("/api/v1/secrets/" + "a".repeat(65), "{\"value\": \"v\"}"), 400, "63");
    assertProblem(api.putJson("/api/v1/secrets/A", "{\"value\": \"\"}"), 400, "empty");
    assertProblem(api.putJson("/api/v1/secrets/A", "{\"value\": 42}"), 400, "string");
    assertProblem(api.putJson("/api/v1/secrets/A", "{}"), 400, "required");
    assertProblem(
        api.putJson("/api/v1/secrets/A", "{\"value\": \"v\", \"extra\": 1}"), 400, "extra");
    Api.Answer large =
        api.putJson("/api/v1/secrets/A", "{\"value\": \"" + "s3cr".repeat(16 * 1024 + 1) + "\"}");
    assertProblem(large, 413, "64 KiB");
    assertThat(large.body()).doesNotContain("s3crs3cr");
    assertProblem(delete("/api/v1/secrets/bad-name"), 400, "not valid");
    assertThat(api.get("/api/v1/secrets").json().get("items")).isEmpty();
  }

  @Test
  void only_admin_keys_manage_secrets() throws Exception {
    server.close();
    String viewer = ApiKeyText.generate();
    String operator = ApiKeyText.generate();
    try (var store = JdbcStore.openDataDir(dataDir)) {
      store.apiKeys().create(key("v", "viewer", viewer));
      store.apiKeys().create(key("o", "operator", operator));
    }
    server = AispineServer.start(config(), clock());
    for (String key : new String[] {viewer, operator}) {
      var other = new Api(server.port(), key);
      assertProblem(other.get("/api/v1/secrets"), 403, "admin");
      assertProblem(other.putJson("/api/v1/secrets/A", "{\"value\": \"v\"}"), 403, "admin");
      assertProblem(other.post("/api/v1/secrets/rotate"), 403, "owner");
      assertProblem(Api.send(other.request("/api/v1/secrets/A").DELETE().build()), 403, "admin");
    }
    assertThat(new Api(server.port(), adminKey).get("/api/v1/secrets").status()).isEqualTo(200);
  }

  @Test
  void rotation_re_encrypts_every_secret_under_a_new_key_and_keeps_them_usable() throws Exception {
    var keyset = dataDir.resolve(SecretVault.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset)))
        .isEqualTo("rw-------");
    api.putJson("/api/v1/secrets/A", "{\"value\": \"alpha-value\"}");
    api.putJson("/api/v1/secrets/B", "{\"value\": \"beta-value\"}");
    long before = api.get("/api/v1/secrets").json().at("/items/0/key_version").asLong();

    Api.Answer rotated = api.post("/api/v1/secrets/rotate");
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
    assertThat(rotated.json().get("reencrypted").asInt()).isEqualTo(2);
    long after = rotated.json().get("key_version").asLong();
    assertThat(after).isNotEqualTo(before);
    assertThat(api.get("/api/v1/secrets").json().get("items"))
        .allSatisfy(s -> assertThat(s.get("key_version").asLong()).isEqualTo(after));

    // still usable after a restart with the rotated keyset
    restart();
    api.deploy(
        """
        id: uses
        version: 1.0.0
        nodes:
          - id: call
            agent: echo
            with: {a: "${secrets.A}", b: "x ${secrets.B}"}
        """);
    var done = api.awaitFinished(api.start("uses", "{}"));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.at("/nodes/0/output").toString()).isEqualTo("{\"a\":\"***\",\"b\":\"x ***\"}");
  }

  @Test
  void a_row_moved_under_another_name_does_not_decrypt() throws Exception {
    api.putJson("/api/v1/secrets/SHOWN", "{\"value\": \"harmless\"}");
    api.putJson("/api/v1/secrets/HIDDEN", "{\"value\": \"precious\"}");
    server.close();
    try (var db =
        DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(JdbcStore.DATABASE_FILE))) {
      db.createStatement()
          .executeUpdate(
              "UPDATE secrets SET ciphertext = (SELECT ciphertext FROM secrets WHERE name ="
                  + " 'HIDDEN') WHERE name = 'SHOWN'");
    }
    server = AispineServer.start(config(), clock());
    api = new Api(server.port(), adminKey);
    api.deploy(
        """
        id: swapped
        version: 1.0.0
        nodes:
          - id: call
            agent: echo
            with: {v: "${secrets.SHOWN}"}
        """);
    var done = api.awaitFinished(api.start("swapped", "{}"));
    assertThat(done.get("status").asText()).isEqualTo("failed");
    assertThat(done.toString()).contains("SECRET_UNREADABLE").doesNotContain("precious");
  }

  private static ApiKey key(String name, String role, String text) {
    return new ApiKey("key_" + name, name, role, ApiKeyText.sha256(text), Instant.now(), null);
  }

  private static void assertProblem(Api.Answer answer, int status, String detailPart) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().get("detail").asText()).contains(detailPart);
  }
}
