package io.aispine.cli.demo;

import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code aispine server} as a child process of this JVM (same java binary, same class path) on a
 * data dir of its own, so that the demo can kill it with SIGKILL and start it again on the same
 * store. Its output goes to a log file whose tail explains a server that did not come up.
 */
final class ChildServer implements AutoCloseable {

  private static final Pattern LISTENING =
      Pattern.compile("AI Spine server listening on http://127\\.0\\.0\\.1:(\\d+)");

  private final Path dataDir;
  private final Path log;
  private final Map<String, String> environment;
  private final Duration startTimeout;
  private final Thread killOnExit = new Thread(this::kill, "aispine-demo-server-reaper");
  private Process process;
  private int port;

  private ChildServer(
      Path dataDir, Path log, Map<String, String> environment, Duration startTimeout) {
    this.dataDir = dataDir;
    this.log = log;
    this.environment = Map.copyOf(environment);
    this.startTimeout = startTimeout;
  }

  /**
   * Starts {@code aispine server} on {@code dataDir} with {@code environment} on top of this
   * process's environment without its {@code AISPINE_*} settings (the demo's server is its own),
   * and returns once it listens.
   */
  static ChildServer start(
      Path dataDir, Path log, Map<String, String> environment, Duration startTimeout)
      throws InterruptedException {
    var server = new ChildServer(dataDir, log, environment, startTimeout);
    Runtime.getRuntime().addShutdownHook(server.killOnExit);
    server.launch();
    return server;
  }

  /**
   * The web console's address, when this server serves it (the {@code aispine-ui} jar is on the
   * class path, as in the distribution): asked of the server itself, not assumed.
   */
  Optional<String> consoleUrl() {
    String url = "http://127.0.0.1:" + port + "/";
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpResponse<Void> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      boolean html =
          answer.statusCode() == 200
              && answer.headers().firstValue("Content-Type").orElse("").startsWith("text/html");
      return html ? Optional.of(url) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The port it listens on (a fresh one after each start). */
  int port() {
    return port;
  }

  /** Its process id. */
  long pid() {
    return process.pid();
  }

  /** The admin key the first start created (admin.key in the data dir). */
  String adminKey() {
    try {
      return Files.readString(dataDir.resolve("admin.key")).strip();
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.ENVIRONMENT,
          "the demo's server wrote no admin key to "
              + dataDir.resolve("admin.key")
              + " ("
              + e.getMessage()
              + ")"
              + logTail());
    }
  }

  /** SIGKILL (on Linux and macOS): no shutdown hook, no graceful drain, like a power cut. */
  void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts it again on the same data dir; returns once it listens. */
  void restart() throws InterruptedException {
    kill();
    launch();
  }

  /** The last lines of its log, as a paragraph to append to an error message. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - 30), lines.size());
      return System.lineSeparator()
          + "Last lines of the server's log "
          + log
          + ":"
          + System.lineSeparator()
          + "  "
          + String.join(System.lineSeparator() + "  ", tail);
    } catch (IOException e) {
      return System.lineSeparator()
          + "(its log "
          + log
          + " cannot be read: "
          + e.getMessage()
          + ")";
    }
  }

  /** Stops it gracefully (SIGTERM), and for good if it does not stop in time. */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          kill();
        }
      } catch (InterruptedException e) {
        kill();
        Thread.currentThread().interrupt();
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway, and finds nothing left to kill
    }
  }

  private void launch() throws InterruptedException {
    var command = new ArrayList<String>();
    command.add(javaBinary());
    command.add("--enable-native-access=ALL-UNNAMED");
    // the C1 compiler only: a quicker start on a busy machine; OCR runs in native Tesseract anyway
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.aispine.cli.Main");
    command.addAll(
        List.of("server", "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString()));
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("AISPINE_"));
    builder.environment().putAll(environment);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.ENVIRONMENT,
          "cannot start the demo's server (" + command.getFirst() + "): " + e);
    }
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    Thread.ofVirtual().name("aispine-demo-server-log").start(() -> copyLog(process, listening));
    try {
      port = listening.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      boolean exited = !process.isAlive();
      kill();
      throw new CliException(
          ExitCodes.ENVIRONMENT,
          "the demo's server (pid "
              + process.pid()
              + ") "
              + (exited
                  ? "exited with code " + process.exitValue() + " before it listened"
                  : "did not listen within " + startTimeout.toSeconds() + " s")
              + logTail());
    }
  }

  /** Appends the process's output to the log and completes {@code listening} with its port. */
  private void copyLog(Process child, CompletableFuture<Integer> listening) {
    try (var in =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        Writer out =
            Files.newBufferedWriter(
                log,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
      out.write("---- aispine server, pid " + child.pid() + System.lineSeparator());
      out.flush();
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write(System.lineSeparator());
        out.flush();
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          listening.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      // the process died under the reader (SIGKILL): its output ends here
    } finally {
      listening.completeExceptionally(new IOException("the server's output ended"));
    }
  }

  private static String javaBinary() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
