package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.agent.AgentResult;
import io.aispine.agents.serve.AgentServer;
import io.aispine.store.RegisteredAgent;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP agents' signing secrets live encrypted in the secrets store: a plaintext one left in the
 * {@code agents} table by an earlier release moves there at start and is erased, new registrations
 * never write one, and calls stay signed (the agents refuse unsigned ones).
 */
class AgentSigningSecretMigrationTest {

  @TempDir Path dataDir;

  private final String oldSecret = "whsec-old-" + UUID.randomUUID();
  private final String newSecret = "whsec-new-" + UUID.randomUUID();
  private AgentServer legacy;
  private AgentServer fresh;
  private AispineServer server;

  @BeforeEach
  void startAgents() {
    legacy =
        AgentServer.start(
            call -> AgentResult.success(Map.of("ok", true)), "legacy", "1.0.0", 0, oldSecret);
    fresh =
        AgentServer.start(
            call -> AgentResult.success(Map.of("ok", true)), "fresh", "1.0.0", 0, newSecret);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    legacy.close();
    fresh.close();
  }

  @Test
  void a_plaintext_signing_secret_is_moved_into_the_secrets_store_erased_and_still_signs()
      throws Exception {
    // a store as earlier releases left it: the secret in plain text in the agents table
    try (var store = JdbcStore.openDataDir(dataDir)) {
      store
          .agents()
          .register(
              new RegisteredAgent(
                  "legacy",
                  "1.0.0",
                  "http://127.0.0.1:" + legacy.port(),
                  "",
                  oldSecret,
                  Instant.now()));
    }
    assertThat(secretColumns()).containsExactly("legacy=" + oldSecret);

    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    var api = new Api(server.port(), server.adminKeyCreated().orElseThrow());
    var registered =
        api.postJson(
            "/api/v1/agents",
            "{\"name\": \"fresh\", \"version\": \"1.0.0\", \"url\": \"http://127.0.0.1:"
                + fresh.port()
                + "\", \"secret\": \""
                + newSecret
                + "\"}");
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

    assertThat(secretColumns()).containsExactly("fresh=null", "legacy=null");
    assertThat(secretNames())
        .containsExactly("agent-signing:fresh@1.0.0", "agent-signing:legacy@1.0.0");
    assertThat(api.get("/api/v1/secrets").json().get("items")).isEmpty(); // not users' secrets
    for (String agent : List.of("legacy", "fresh")) {
      assertThat(api.deploy(flow(agent)).status()).isIn(200, 201);
      var run = api.awaitFinished(api.start("call-" + agent, "{}"));
      assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
    }

    // and after a restart, when the registry is read back from the store
    server.close();
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    api = new Api(server.port(), api.key());
    var again = api.awaitFinished(api.start("call-legacy", "{}"));
    assertThat(again.get("status").asText()).as(again.toString()).isEqualTo("succeeded");
  }

  private List<String> secretColumns() throws Exception {
    return rows("SELECT name || '=' || coalesce(secret, 'null') FROM agents ORDER BY name");
  }

  private List<String> secretNames() throws Exception {
    return rows("SELECT name FROM secrets ORDER BY name");
  }

  private List<String> rows(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (var connection =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(JdbcStore.DATABASE_FILE));
        var result = connection.createStatement().executeQuery(sql)) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }

  private static String flow(String agent) {
    return """
        id: call-%s
        version: 1.0.0
        nodes:
          - id: call
            agent: %s
            retry: {max_attempts: 1}
            with: {q: 1}
        """
        .formatted(agent, agent);
  }
}
