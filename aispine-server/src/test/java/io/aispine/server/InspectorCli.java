package io.aispine.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The MCP Inspector CLI ({@code @modelcontextprotocol/inspector}, npm), installed once into {@code
 * target/npm/inspector} and reused; tests that need it are skipped, saying why, only where npm is
 * not installed.
 */
final class InspectorCli {

  static final String PACKAGE = "@modelcontextprotocol/inspector@2.12.0";
  private static final Path HOME = Path.of("target", "npm", "inspector").toAbsolutePath();
  private static final Path BIN = HOME.resolve("node_modules/.bin/mcp-inspector");

  /** What one run printed and how it ended. */
  record Outcome(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  private InspectorCli() {}

  /** Installs the inspector unless it is there; skips the calling test where npm is absent. */
  static synchronized void install() throws IOException, InterruptedException {
    assumeTrue(
        onPath("npm") && onPath("node"),
        "skipped: npm and node are not installed here, and the MCP Inspector CLI needs them");
    if (Files.isExecutable(BIN)) {
      return;
    }
    Files.createDirectories(HOME);
    Outcome installed =
        run(
            List.of(
                "npm", "install", "--no-audit", "--no-fund", "--prefix", HOME.toString(), PACKAGE),
            300);
    if (installed.exitCode() != 0 || !Files.isExecutable(BIN)) {
      throw new IllegalStateException("npm install " + PACKAGE + " failed: " + installed);
    }
  }

  /** {@code mcp-inspector --cli URL --transport http ARGS…}. */
  static Outcome call(String url, String key, String... args)
      throws IOException, InterruptedException {
    var command = new ArrayList<String>();
    command.add(BIN.toString());
    command.add("--cli");
    command.add(url);
    command.add("--transport");
    command.add("http");
    command.add("--header");
    command.add("Authorization: Bearer " + key);
    command.addAll(List.of(args));
    return run(command, 120);
  }

  private static Outcome run(List<String> command, int seconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("inspector", ".out");
    Path err = Files.createTempFile("inspector", ".err");
    try {
      var builder =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      // the inspector's catalog of servers stays in target/, not in the user's home
      builder.environment().put("MCP_CATALOG_PATH", HOME.resolve("catalog.json").toString());
      Process process = builder.start();
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " still running after " + seconds + " s");
      }
      return new Outcome(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
