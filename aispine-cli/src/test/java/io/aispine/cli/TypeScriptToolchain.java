package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TypeScript compiler the SDK is built with, installed by {@code npm ci} from the SDK's own
 * committed {@code package-lock.json} into {@code target/typescript-toolchain}, so that a fresh
 * machine with Node and npm gets exactly the pinned {@code typescript} and {@code @types/node}.
 */
final class TypeScriptToolchain {

  /** The TypeScript agent SDK's sources, from the {@code aispine-cli} module's directory. */
  static final Path SDK = Path.of("../sdks/typescript/agent").toAbsolutePath().normalize();

  private static final Path HOME = Path.of("target/typescript-toolchain").toAbsolutePath();

  private TypeScriptToolchain() {}

  /** Installs the toolchain unless the same lock file is installed already; returns its home. */
  static synchronized Path install() throws Exception {
    Path lock = SDK.resolve("package-lock.json");
    Path installed = HOME.resolve("package-lock.json");
    if (Files.isExecutable(tsc(HOME))
        && Files.exists(installed)
        && Files.mismatch(lock, installed) == -1) {
      return HOME;
    }
    Files.createDirectories(HOME);
    Files.copy(SDK.resolve("package.json"), HOME.resolve("package.json"), REPLACE);
    Files.copy(lock, installed, REPLACE);
    run(
        HOME,
        List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"));
    return HOME;
  }

  /**
   * Runs {@code tsc} with {@code args}, resolving the Node types from the toolchain, and returns
   * its output; fails the test when it reports an error.
   */
  static String tsc(Path workDir, String... args) throws Exception {
    Path home = install();
    var command = new ArrayList<String>();
    command.add(tsc(home).toString());
    command.addAll(List.of(args));
    command.addAll(List.of("--typeRoots", home.resolve("node_modules/@types").toString()));
    return run(workDir, command);
  }

  private static Path tsc(Path home) {
    return home.resolve("node_modules/.bin/tsc");
  }

  private static final StandardCopyOption REPLACE = StandardCopyOption.REPLACE_EXISTING;

  /** Runs {@code command} in {@code dir}; fails with its output unless it exits 0. */
  static String run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s still running", command).isTrue();
    assertThat(p.exitValue()).as("%s in %s:%n%s", command, dir, out).isZero();
    return out;
  }
}
