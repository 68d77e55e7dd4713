package io.aispine.cli.project;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * An agent project on disk, such as {@code aispine agent create} makes: built with its own Maven
 * wrapper into a runnable jar in {@code target/}.
 *
 * @param directory the project's directory, holding its {@code pom.xml}
 */
public record AgentProject(Path directory) {

  /** What the build runs: quiet, so that only problems and the project's own output show. */
  static final List<String> BUILD_ARGS = List.of("-B", "-q", "package");

  public AgentProject {
    directory = directory.toAbsolutePath().normalize();
  }

  /** Whether {@code directory} holds a Maven project. */
  public static boolean isProject(Path directory) {
    return Files.isRegularFile(directory.resolve("pom.xml"));
  }

  /** The build command as shown to people, such as {@code ./mvnw -B -q package}. */
  public String buildCommand() {
    return String.join(" ", shown(command()));
  }

  /**
   * Builds the project, handing each line the build prints to {@code output}, and returns the
   * runnable jar it made.
   *
   * @throws AgentProjectException when the build cannot run or fails, or makes no runnable jar
   */
  public Path build(Consumer<String> output) {
    var builder = new ProcessBuilder(command()).directory(directory.toFile());
    builder.redirectErrorStream(true);
    javaHomeForBuild().ifPresent(home -> builder.environment().put("JAVA_HOME", home));
    int exit;
    try {
      Process build = builder.start();
      build.getOutputStream().close();
      try (var lines =
          new BufferedReader(
              new InputStreamReader(build.getInputStream(), StandardCharsets.UTF_8))) {
        lines.lines().forEach(output);
      }
      exit = build.waitFor();
    } catch (IOException e) {
      throw new AgentProjectException(
          "cannot run " + buildCommand() + " in " + directory + ": " + e.getMessage(), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentProjectException("the build was interrupted", false);
    }
    if (exit != 0) {
      throw new AgentProjectException(
          "the build failed (" + buildCommand() + " exited with " + exit + ")", false);
    }
    return runnableJar();
  }

  /** The one jar in {@code target/} with a {@code Main-Class}. */
  Path runnableJar() {
    Path target = directory.resolve("target");
    List<Path> runnable = new ArrayList<>();
    if (Files.isDirectory(target)) {
      try (Stream<Path> files = Files.list(target)) {
        for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
          if (hasMainClass(jar)) {
            runnable.add(jar);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (runnable.size() != 1) {
      throw new AgentProjectException(
          runnable.isEmpty()
              ? "the build made no runnable jar in "
                  + target
                  + " (one whose manifest has a Main-Class); 'aispine agent create' projects do"
              : "the build made several runnable jars in " + target + ": " + runnable,
          false);
    }
    return runnable.get(0);
  }

  private static boolean hasMainClass(Path jar) {
    try (var file = new JarFile(jar.toFile())) {
      var manifest = file.getManifest();
      return manifest != null
          && manifest.getMainAttributes().get(Attributes.Name.MAIN_CLASS) != null;
    } catch (IOException e) {
      return false;
    }
  }

  private List<String> command() {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    Path wrapper = directory.resolve(windows ? "mvnw.cmd" : "mvnw");
    var command = new ArrayList<String>();
    if (Files.isRegularFile(wrapper)) {
      if (!windows && !Files.isExecutable(wrapper)) {
        command.add("sh"); // Unpacked from an archive that lost the executable bit.
      }
      command.add(wrapper.toString());
    } else {
      command.add(windows ? "mvn.cmd" : "mvn");
    }
    command.addAll(BUILD_ARGS);
    return command;
  }

  private List<String> shown(List<String> command) {
    return command.stream()
        .map(
            part ->
                part.startsWith(directory.toString()) ? "./" + Path.of(part).getFileName() : part)
        .toList();
  }

  /** The JDK running this CLI (>= 21, so it can compile the project), when it has a compiler. */
  private static java.util.Optional<String> javaHomeForBuild() {
    Path home = Path.of(System.getProperty("java.home"));
    boolean jdk =
        Files.isRegularFile(home.resolve("bin/javac"))
            || Files.isRegularFile(home.resolve("bin/javac.exe"));
    return jdk ? java.util.Optional.of(home.toString()) : java.util.Optional.empty();
  }
}
