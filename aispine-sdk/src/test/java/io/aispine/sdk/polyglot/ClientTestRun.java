package io.aispine.sdk.polyglot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One command of a client's test suite, run in its folder with the server's URL and key in {@code
 * AISPINE_URL} and {@code AISPINE_TOKEN}; its output is printed line by line as it comes (to the
 * test's report file) and kept for the failure message.
 */
final class ClientTestRun {

  private static final long TIMEOUT_MINUTES = 10;

  private final String label;
  private final Path dir;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> lines = new ArrayList<>();
  private List<String> command = List.of();
  private int exitCode = -1;

  ClientTestRun(String label, Path dir, String url, String token) {
    this.label = label;
    this.dir = dir;
    env.put("AISPINE_URL", url);
    env.put("AISPINE_TOKEN", token);
  }

  /** Adds an environment variable. */
  ClientTestRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Runs {@code command} to its end (at most ten minutes) and returns this run. */
  ClientTestRun run(List<String> command) throws IOException, InterruptedException {
    this.command = List.copyOf(command);
    Process process;
    try {
      var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      builder.environment().putAll(env);
      process = builder.start();
    } catch (IOException e) {
      throw new IOException(
          "cannot run '"
              + command.getFirst()
              + "' for the "
              + label
              + " client's tests: install it (Python 3.11+ for python3, Node.js 20+ with npm for"
              + " npm) and make sure it is on the PATH",
          e);
    }
    // Read on a thread of its own, so that a suite that hangs is still stopped by the timeout.
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (var out =
                      new BufferedReader(
                          new InputStreamReader(
                              process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                      System.out.println("[" + label + "] " + line);
                      synchronized (lines) {
                        lines.add(line);
                      }
                    }
                  } catch (IOException e) {
                    // the process was stopped: its output ends here
                  }
                });
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      reader.join();
      lines.add("(stopped after " + TIMEOUT_MINUTES + " minutes)");
      return this;
    }
    reader.join();
    exitCode = process.exitValue();
    return this;
  }

  int exitCode() {
    return exitCode;
  }

  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** The command, its exit code and its output, for an assertion message. */
  String report() {
    return String.join(" ", command) + " in " + dir + " exited with " + exitCode + ":\n" + output();
  }
}
