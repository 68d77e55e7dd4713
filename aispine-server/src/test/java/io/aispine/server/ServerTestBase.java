package io.aispine.server;

import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real server on a random port over a fresh SQLite data dir, per test. */
abstract class ServerTestBase {

  @TempDir Path dataDir;

  protected AispineServer server;
  protected Api api;
  protected String adminKey;

  @BeforeEach
  void startServer() {
    server = AispineServer.start(config(), clock());
    adminKey = server.adminKeyCreated().orElseThrow();
    api = new Api(server.port(), adminKey);
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  /** The configuration of the server under test. */
  protected ServerConfig config() {
    return new ServerConfig("127.0.0.1", 0, dataDir, null);
  }

  /** The clock of the server under test. */
  protected InstantSource clock() {
    return InstantSource.system();
  }

  /** Stops the server and starts it again on the same store, as after a restart. */
  protected void restart() {
    server.close();
    server = AispineServer.start(config(), clock());
    api = new Api(server.port(), adminKey);
  }

  static final String HELLO =
      """
      id: hello
      version: 1.0.0
      description: Says hello
      inputs:
        name: {type: string, required: true}
      nodes:
        - id: greet
          agent: echo
          with: {message: "Hello, ${inputs.name}!"}
      outputs:
        message: "${nodes.greet.output.message}"
      """;

  static final String SLOW =
      """
      id: slow
      version: 1.0.0
      nodes:
        - id: first
          agent: echo
          with: {step: 1}
        - id: nap
          agent: sleep
          needs: [first]
          with: {ms: 60000}
      """;
}
