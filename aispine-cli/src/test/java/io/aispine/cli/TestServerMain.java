package io.aispine.cli;

import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.nio.file.Path;

/**
 * Starts a real {@link AispineServer} in its own JVM for {@link RemoteDistributionIT} while the
 * distribution has no {@code aispine server} command yet (another branch adds it); the test prefers
 * that command as soon as the packaged CLI lists it.
 */
public final class TestServerMain {

  private TestServerMain() {}

  /** {@code PORT DATA_DIR}: serves until the process is killed. */
  public static void main(String[] args) throws InterruptedException {
    var server =
        AispineServer.start(
            new ServerConfig("127.0.0.1", Integer.parseInt(args[0]), Path.of(args[1]), null));
    System.out.println("AI Spine server listening on http://127.0.0.1:" + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
