package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.cli.command.ExitCodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/aispine} as a user runs it, with {@code HOME} in a temporary directory: {@code
 * install} (the link into ~/.local/bin, the bash completion, a second run), hints that name what
 * works, and the class-data archive that keeps start-up short.
 */
class LauncherIT {

  private static final Path LAUNCHER = Path.of("../bin/aispine").toAbsolutePath().normalize();

  @TempDir Path home;

  private record Outcome(int exitCode, String output) {}

  /** Runs {@code command} with the packaged distribution, HOME in the temp dir, java 17-free. */
  private Outcome run(String path, String... command) throws Exception {
    var builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
    var env = builder.environment();
    env.put("HOME", home.toString());
    env.remove("XDG_BIN_HOME");
    env.remove("XDG_DATA_HOME");
    env.put("PATH", path);
    env.put("AISPINE_SKIP_BUILD", "1"); // failsafe runs after 'package': the distribution is there
    env.put("JAVA_HOME", System.getProperty("java.home"));
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Outcome(p.exitValue(), out);
  }

  private Outcome install() throws Exception {
    return run("/usr/bin:/bin", LAUNCHER.toString(), "install");
  }

  @Test
  void install_links_the_launcher_with_completion_and_a_second_run_changes_nothing()
      throws Exception {
    Path link = home.resolve(".local/bin/aispine");
    Path completion = home.resolve(".local/share/bash-completion/completions/aispine");

    Outcome first = install();

    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(link.toRealPath()).isEqualTo(LAUNCHER.toRealPath());
    assertThat(Files.readString(completion))
        .contains("aispine_flow_deploy")
        .contains("complete -F _complete_aispine");
    assertThat(first.output())
        .contains("Linked " + link)
        .contains(home.resolve(".local/bin") + " is not on your PATH");

    Outcome second = install();

    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(second.output()).contains(link + " already links to " + LAUNCHER.toRealPath());
    assertThat(link.toRealPath()).isEqualTo(LAUNCHER.toRealPath());
    try (var files = Files.list(completion.getParent())) {
      assertThat(files).containsExactly(completion);
    }
  }

  @Test
  void install_leaves_a_file_that_is_not_a_link_alone() throws Exception {
    Path link = Files.createDirectories(home.resolve(".local/bin")).resolve("aispine");
    Files.writeString(link, "#!/bin/sh\necho mine\n");

    Outcome refused = install();

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.output()).contains(link + " exists and is not a link");
    assertThat(Files.readString(link)).isEqualTo("#!/bin/sh\necho mine\n");
  }

  @Test
  void the_class_data_archive_is_written_again_when_the_jars_are_newer() throws Exception {
    Path dist = LAUNCHER.getParent().getParent().resolve("aispine-cli/target/aispine");
    Path archive = dist.resolve("aispine.jsa");
    Path jar;
    try (var jars = Files.list(dist.resolve("lib"))) {
      jar =
          jars.filter(p -> p.getFileName().toString().startsWith("aispine-cli-"))
              .findFirst()
              .orElseThrow();
    }
    assertThat(run("/usr/bin:/bin", LAUNCHER.toString(), "--version").exitCode()).isZero();
    assertThat(archive).exists();
    // As after a rebuild: jars newer than the archive, which the JVM would then stop using.
    FileTime jarTime = Files.getLastModifiedTime(jar);
    Files.setLastModifiedTime(archive, FileTime.fromMillis(jarTime.toMillis() - 3_600_000));

    assertThat(run("/usr/bin:/bin", LAUNCHER.toString(), "--version").exitCode()).isZero();

    assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(jarTime);
  }

  @Test
  void hints_say_aispine_once_installed_and_the_launchers_path_before() throws Exception {
    var args = new ArrayList<>(List.of("flow", "list", "--url", "http://127.0.0.1:1"));

    var direct = new ArrayList<>(List.of(LAUNCHER.toString()));
    direct.addAll(args);
    Outcome before = run("/usr/bin:/bin", direct.toArray(String[]::new));
    assertThat(before.exitCode()).as(before.output()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(before.output()).contains("start one with '" + LAUNCHER + " server'");

    assertThat(install().exitCode()).isZero();
    // Through a shell, so that 'aispine' is looked up on the PATH given to it.
    var onPath = new ArrayList<>(List.of("/bin/sh", "-c", "exec aispine \"$@\"", "sh"));
    onPath.addAll(args);
    Outcome after =
        run(home.resolve(".local/bin") + ":/usr/bin:/bin", onPath.toArray(String[]::new));
    assertThat(after.exitCode()).as(after.output()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(after.output()).contains("start one with 'aispine server'");
  }
}
