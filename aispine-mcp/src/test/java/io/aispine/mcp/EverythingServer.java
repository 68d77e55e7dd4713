package io.aispine.mcp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The reference server {@code @modelcontextprotocol/server-everything}, installed with npm into
 * {@code target/npm} once (reused by later runs) and started over stdio or streamable HTTP.
 */
public final class EverythingServer {

  static final String PACKAGE = "@modelcontextprotocol/server-everything@2026.8.31";
  private static final Path PREFIX = Path.of("target", "npm").toAbsolutePath();
  private static final Path ENTRY =
      PREFIX.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");

  private EverythingServer() {}

  /** The server's entry script, installing it first; skips the test where npm is absent. */
  public static synchronized Path entry() throws IOException, InterruptedException {
    if (Files.isRegularFile(ENTRY)) {
      return ENTRY;
    }
    assumeTrue(
        onPath("npm") && onPath("node"),
        "npm and node are not on the PATH: the MCP tests against " + PACKAGE + " are skipped");
    Files.createDirectories(PREFIX);
    Process npm =
        new ProcessBuilder(
                "npm", "install", "--prefix", PREFIX.toString(), "--no-audit", "--no-fund", PACKAGE)
            .redirectErrorStream(true)
            .redirectOutput(PREFIX.resolve("install.log").toFile())
            .start();
    if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isRegularFile(ENTRY)) {
      npm.destroyForcibly();
      throw new IllegalStateException(
          "npm install " + PACKAGE + " failed: see " + PREFIX.resolve("install.log"));
    }
    return ENTRY;
  }

  /** The command and arguments that start the server over stdio. */
  public static List<String> stdioCommand() throws IOException, InterruptedException {
    return List.of(nodeBinary(), entry().toString(), "stdio");
  }

  /** Starts the server over streamable HTTP on a free loopback port; returns its process. */
  public static Http startHttp() throws IOException, InterruptedException {
    Path entry = entry();
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var builder =
        new ProcessBuilder(nodeBinary(), entry.toString(), "streamableHttp")
            .redirectErrorStream(true)
            .redirectOutput(PREFIX.resolve("http-" + port + ".log").toFile());
    builder.environment().put("PORT", Integer.toString(port));
    Process process = builder.start();
    int bound = port;
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> listening(bound) || !process.isAlive());
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the streamable HTTP server exited: see " + PREFIX.resolve("http-" + port + ".log"));
    }
    return new Http(process, "http://127.0.0.1:" + port + "/mcp");
  }

  /** A server started over HTTP, stopped with its process. */
  public record Http(Process process, String url) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static boolean listening(int port) {
    try (var socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String nodeBinary() {
    return findOnPath("node").map(Path::toString).orElse("node");
  }

  private static boolean onPath(String name) {
    return findOnPath(name).isPresent();
  }

  private static java.util.Optional<Path> findOnPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return java.util.Optional.of(candidate);
      }
    }
    return java.util.Optional.empty();
  }
}
