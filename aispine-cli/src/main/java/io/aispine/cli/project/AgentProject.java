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
 * An agent project on disk, such as {@code aispine agent create} makes: a Java one is built with
 * its own Maven wrapper into a runnable jar in {@code target/} and started with {@code java -jar};
 * a Python or TypeScript one has its unit tests run and is started with its {@code ./run}.
 *
 * @param directory the project's directory
 * @param language the project's language, which says how it is built and started
 */
public record AgentProject(Path directory, AgentLanguage language) {

  /** What the build runs: quiet, so that only problems and the project's own output show. */
  static final List<String> BUILD_ARGS = List.of("-B", "-q", "package");

  /** Where a Python or TypeScript agent's output goes, relative to the project's directory. */
  static final String SCRIPTED_LOG = "aispine-agent.log";

  public AgentProject {
    directory = directory.toAbsolutePath().normalize();
  }

  /** The project in {@code directory}, in the language its files say (Java when none does). */
  public AgentProject(Path directory) {
    this(directory, AgentLanguage.of(directory).orElse(AgentLanguage.JAVA));
  }

  /** Whether {@code directory} holds an agent project in a language {@link AgentLanguage} knows. */
  public static boolean isProject(Path directory) {
    return AgentLanguage.of(directory).isPresent();
  }

  /**
   * How to start the agent, and where its output goes.
   *
   * @param command the command, run in {@code directory}
   * @param directory the working directory
   * @param log where the agent's output goes
   * @param shown what is started, as shown to people ({@code demo.jar}, {@code ./run})
   */
  public record Launch(List<String> command, Path directory, Path log, String shown) {
    public Launch {
      command = List.copyOf(command);
    }
  }

  /**
   * Builds or checks the project, handing each line printed to {@code output}, and returns how to
   * start it: Java builds the jar ({@link #build}); Python and TypeScript run the project's unit
   * tests, then start its {@code ./run}, as a user would.
   *
   * @throws AgentProjectException when the build or the tests cannot run or fail
   */
  public Launch prepare(Consumer<String> output) {
    return switch (language) {
      case JAVA -> {
        Path jar = build(output);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        yield new Launch(
            List.of(java.toString(), "-jar", jar.toString()),
            jar.getParent(),
            jar.resolveSibling("aispine-agent.log"),
            directory.relativize(jar).toString());
      }
      case PYTHON, TYPESCRIPT -> {
        runChecked(command(), output);
        Path run = directory.resolve("run");
        List<String> start =
            Files.isExecutable(run) ? List.of(run.toString()) : List.of("bash", run.toString());
        yield new Launch(start, directory, directory.resolve(SCRIPTED_LOG), "./run");
      }
    };
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
    runChecked(command(), output);
    return runnableJar();
  }

  private void runChecked(List<String> command, Consumer<String> output) {
    var builder = new ProcessBuilder(command).directory(directory.toFile());
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
          "cannot run "
              + buildCommand()
              + " in "
              + directory
              + ": "
              + e.getMessage()
              + switch (language) {
                case JAVA -> "";
                case PYTHON -> "; install Python >= 3.9, or set AISPINE_PYTHON to one";
                case TYPESCRIPT -> "; install Node >= 18, or set AISPINE_NODE to one";
              },
          true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentProjectException("the build was interrupted", false);
    }
    if (exit != 0) {
      throw new AgentProjectException(
          (language == AgentLanguage.JAVA ? "the build failed (" : "the unit tests failed (")
              + buildCommand()
              + " exited with "
              + exit
              + ")",
          false);
    }
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
    return switch (language) {
      case JAVA -> mavenCommand();
      case PYTHON -> List.of(python(), "-m", "unittest");
      case TYPESCRIPT ->
          List.of(
              System.getenv().getOrDefault("AISPINE_NODE", "node"),
              "--test",
              "--test-reporter=spec");
    };
  }

  /** The Python that {@code ./run} would pick first: {@code $AISPINE_PYTHON}, else python3. */
  private static String python() {
    String configured = System.getenv("AISPINE_PYTHON");
    return configured == null || configured.isBlank() ? "python3" : configured.strip();
  }

  private List<String> mavenCommand() {
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
