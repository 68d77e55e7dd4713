package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthTest extends ServerTestBase {

  @Test
  void refuses_api_requests_without_a_key_with_401() {
    Api anonymous = new Api(server.port(), null);

    Api.Answer answer = anonymous.get("/api/v1/flows");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().get("type").asText()).isEqualTo("urn:aispine:problem:unauthorized");
    assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void refuses_an_unknown_key_without_echoing_it() {
    String wrong = "ask_" + "A".repeat(43);
    Api stranger = new Api(server.port(), wrong);

    Api.Answer answer = stranger.get("/api/v1/executions");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).doesNotContain(wrong).doesNotContain(adminKey);
  }

  @Test
  void refuses_a_malformed_authorization_header() {
    Api.Answer answer =
        Api.send(
            api.request("/api/v1/flows").setHeader("Authorization", "Basic " + adminKey).build());
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).doesNotContain(adminKey);
  }

  @Test
  void leaves_health_ready_metrics_and_openapi_open() {
    Api anonymous = new Api(server.port(), null);
    for (String path : List.of("/health", "/ready", "/metrics", "/openapi.json")) {
      assertThat(anonymous.get(path).status()).as(path).isEqualTo(200);
    }
  }

  @Test
  void writes_the_admin_key_to_a_file_only_its_owner_can_read() throws Exception {
    Path file = dataDir.resolve("admin.key");

    assertThat(adminKey).startsWith("ask_").hasSize(4 + 43);
    assertThat(Files.readString(file).strip()).isEqualTo(adminKey);
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(server.adminKeyFile()).isEqualTo(file.toAbsolutePath().normalize());
  }

  @Test
  void keeps_only_the_hash_of_the_key_in_the_store() throws Exception {
    server.close();
    server = null;
    List<String> rows = new ArrayList<>();
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("aispine.db"));
        Statement query = db.createStatement();
        ResultSet row = query.executeQuery("SELECT id, name, role, sha256 FROM api_keys")) {
      while (row.next()) {
        rows.add(
            row.getString(1)
                + " "
                + row.getString(2)
                + " "
                + row.getString(3)
                + " "
                + row.getString(4));
      }
    }
    assertThat(rows).hasSize(1);
    assertThat(rows.getFirst()).contains(" admin owner ").doesNotContain(adminKey);
    assertThat(Files.readAllBytes(dataDir.resolve("aispine.db")))
        .asString(java.nio.charset.StandardCharsets.ISO_8859_1)
        .doesNotContain(adminKey);
  }

  @Test
  void creates_the_admin_key_only_on_the_first_start() {
    restart();
    assertThat(server.adminKeyCreated()).isEmpty();
    assertThat(api.get("/api/v1/flows").status()).isEqualTo(200);
  }
}
