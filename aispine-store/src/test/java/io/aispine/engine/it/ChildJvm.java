package io.aispine.engine.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A workload in a child JVM for the crash tests: started on this test's class path, its error
 * output and every line it prints that is not awaited appended to one log file.
 */
final class ChildJvm {

  private ChildJvm() {}

  /** Starts {@code main} with {@code args}; its standard error goes to {@code log}. */
  static Process launch(Path log, Class<?> main, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    var command =
        new ArrayList<>(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /**
   * Reads the child's output until {@code expected} appears; the other lines go to {@code log}.
   * Prints the log and fails when the child ends first or {@code seconds} pass.
   */
  static void awaitLine(Process child, String expected, int seconds, Path log) throws Exception {
    var found = new CompletableFuture<Void>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (var reader =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  if (line.equals(expected)) {
                    found.complete(null);
                  } else {
                    Files.writeString(
                        log,
                        line + System.lineSeparator(),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                  }
                }
              } catch (IOException e) {
                // the child was killed; its output ends here
              }
              found.completeExceptionally(
                  new AssertionError("child ended before printing " + expected + "; see " + log));
            });
    try {
      found.get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println(Files.exists(log) ? Files.readString(log) : "(no child output)");
      throw e;
    }
  }
}
