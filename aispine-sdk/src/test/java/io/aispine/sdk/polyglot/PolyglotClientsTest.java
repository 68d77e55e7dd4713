package io.aispine.sdk.polyglot;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python and TypeScript clients under {@code sdks/} run their own test suites against a real
 * server on a random port over a temporary SQLite store, so that {@code ./mvnw verify} fails when
 * either client, or the server's {@code /openapi.json} they check themselves against, breaks.
 */
class PolyglotClientsTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path PYTHON_CLIENT = REPO.resolve("sdks/python/client");
  private static final Path TYPESCRIPT_CLIENT = REPO.resolve("sdks/typescript/client");

  @TempDir Path dataDir;
  private AispineServer server;
  private String url;
  private String token;

  @BeforeEach
  void startServer() {
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    url = "http://127.0.0.1:" + server.port();
    token = server.adminKeyCreated().orElseThrow();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void python_client_passes_its_tests_against_a_real_server() throws Exception {
    var run =
        new ClientTestRun("python", PYTHON_CLIENT, url, token)
            // bytecode caches would land in the source tree
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .run(List.of("python3", "-m", "unittest", "discover", "-v", "-s", "tests"));

    assertThat(run.exitCode()).as(run.report()).isZero();
    assertThat(run.output()).as(run.report()).contains("OK");
  }

  @Test
  void typescript_client_passes_its_tests_against_a_real_server() throws Exception {
    // typescript and @types/node, exactly as package-lock.json pins them, into a cache of this
    // build: a fresh machine needs nothing installed by hand beyond Node.js 20.
    Path cache = Files.createDirectories(Path.of("target/npm-cache").toAbsolutePath());
    var install =
        new ClientTestRun("npm ci", TYPESCRIPT_CLIENT, url, token)
            .run(
                List.of(
                    "npm",
                    "ci",
                    "--cache",
                    cache.toString(),
                    "--no-audit",
                    "--no-fund",
                    "--prefer-offline"));
    assertThat(install.exitCode()).as(install.report()).isZero();

    var run =
        new ClientTestRun("typescript", TYPESCRIPT_CLIENT, url, token)
            .env("npm_config_cache", cache.toString())
            .run(List.of("npm", "test"));

    assertThat(run.exitCode()).as(run.report()).isZero();
    assertThat(run.output()).as(run.report()).contains("# fail 0");
  }
}
