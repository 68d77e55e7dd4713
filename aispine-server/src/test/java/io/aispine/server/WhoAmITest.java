package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/auth/whoami}: a key learns its own role and workspace, as the console does.
 */
class WhoAmITest extends ServerTestBase {

  @Test
  void tells_a_key_its_name_role_and_workspace_without_echoing_the_key() {
    var created = api.postJson("/api/v1/keys", "{\"name\": \"night shift\", \"role\": \"viewer\"}");
    assertThat(created.status()).isEqualTo(201);
    String viewerKey = created.json().get("key").asText();

    var answer = new Api(server.port(), viewerKey).get("/api/v1/auth/whoami");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
    assertThat(answer.json().get("id").asText()).isEqualTo(created.json().get("id").asText());
    assertThat(answer.json().get("name").asText()).isEqualTo("night shift");
    assertThat(answer.json().get("role").asText()).isEqualTo("viewer");
    assertThat(answer.json().get("workspace").asText()).isEqualTo("default");
    assertThat(answer.json().has("key")).isFalse();
    assertThat(answer.body()).doesNotContain(viewerKey);
  }

  @Test
  void shows_the_bootstrap_key_as_the_owner_and_refuses_a_call_without_a_key() {
    assertThat(api.get("/api/v1/auth/whoami").json().get("role").asText()).isEqualTo("owner");

    var anonymous = new Api(server.port(), null).get("/api/v1/auth/whoami");
    assertThat(anonymous.status()).isEqualTo(401);
  }

  @Test
  void serves_no_console_and_no_page_at_the_root_without_the_ui_jar() {
    // aispine-server's own class path has no aispine-console/ (the distribution adds the ui jar)
    assertThat(server.consoleUrl()).isEmpty();

    var root = new Api(server.port(), null).get("/");
    assertThat(root.status()).isEqualTo(404);
    assertThat(root.contentType()).startsWith("application/problem+json");
  }
}
