package io.aispine.cli.project;

import io.aispine.agentsdk.AispineAgent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An agent jar running as a child process on a free port, ready once its {@code /health} answers
 * 200; {@link #close()} stops it (SIGTERM, then SIGKILL after a grace period).
 */
public final class RunningAgent implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final String url;
  private final Path log;
  private final Thread stopOnExit;

  private RunningAgent(Process process, String url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
    // Ctrl-C on the CLI must not leave the agent running.
    this.stopOnExit = new Thread(process::destroyForcibly, "stop-agent-" + process.pid());
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /**
   * Starts {@code jar} with {@code java -jar} on a free port and waits until it is healthy.
   *
   * @param secret the signing secret to give the agent ({@value AispineAgent#SECRET_ENV}), or null
   *     to start it without one
   * @param log where the agent's output goes
   * @param timeout how long it may take to answer {@code /health}
   * @throws AgentProjectException when it exits or stays unhealthy, naming its log
   */
  public static RunningAgent start(Path jar, String secret, Path log, Duration timeout) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return start(
        new AgentProject.Launch(
            List.of(java.toString(), "-jar", jar.toString()), jar.getParent(), log, jar.toString()),
        secret,
        timeout);
  }

  /**
   * Starts {@code launch} on a free port ({@value AispineAgent#PORT_ENV}) and waits until it is
   * healthy.
   *
   * @param secret the signing secret to give the agent ({@value AispineAgent#SECRET_ENV}), or null
   *     to start it without one
   * @param timeout how long it may take to answer {@code /health}
   * @throws AgentProjectException when it exits or stays unhealthy, naming its log
   */
  public static RunningAgent start(AgentProject.Launch launch, String secret, Duration timeout) {
    int port = freePort();
    Path log = launch.log();
    var builder =
        new ProcessBuilder(launch.command())
            .directory(launch.directory().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put(AispineAgent.PORT_ENV, Integer.toString(port));
    // The suite calls it on loopback, whatever the shell that started the CLI says.
    builder.environment().remove("AISPINE_AGENT_HOST");
    if (secret == null || secret.isEmpty()) {
      builder.environment().remove(AispineAgent.SECRET_ENV);
    } else {
      builder.environment().put(AispineAgent.SECRET_ENV, secret);
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AgentProjectException(
          "cannot start " + launch.command().getFirst() + ": " + e.getMessage(), true);
    }
    var agent = new RunningAgent(process, "http://127.0.0.1:" + port, log);
    try {
      agent.awaitHealthy(timeout);
      return agent;
    } catch (RuntimeException e) {
      agent.close();
      throw e;
    }
  }

  /** The agent's base URL on loopback. */
  public String url() {
    return url;
  }

  /** The agent's process id. */
  public long pid() {
    return process.pid();
  }

  private void awaitHealthy(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AgentProjectException("interrupted while the agent was starting", false);
      }
      try {
        // Waits for the next probe, and ends the wait at once if the agent exits.
        process.onExit().get(POLL.toMillis(), TimeUnit.MILLISECONDS);
        throw new AgentProjectException(
            "the agent exited with " + process.exitValue() + " before answering /health" + tail(),
            false);
      } catch (TimeoutException e) {
        // Still running: probe again.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AgentProjectException("interrupted while the agent was starting", false);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AgentProjectException(
        "the agent did not answer GET " + url + "/health with 200 within " + timeout + tail(),
        false);
  }

  private String tail() {
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      List<String> last = lines.subList(Math.max(0, lines.size() - 20), lines.size());
      return "; its output (" + log + "):\n  " + String.join("\n  ", last);
    } catch (IOException e) {
      return "; see " + log;
    }
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new AgentProjectException("no free TCP port: " + e.getMessage(), true);
    }
  }

  /** Stops the agent and waits for it to be gone. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook stops the agent then.
    }
  }
}
