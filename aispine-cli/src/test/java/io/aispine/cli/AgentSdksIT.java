package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python and TypeScript agent SDKs' own tests, run by their own runners as part of {@code
 * ./mvnw verify}, and the committed TypeScript {@code dist/} checked against what {@code src/}
 * compiles to: generated projects and the CLI's jar carry {@code dist/}, so it must not drift.
 */
class AgentSdksIT {

  private static final Path PYTHON_SDK = Path.of("../sdks/python/agent").toAbsolutePath();

  @TempDir Path work;

  @Test
  void python_sdk_passes_its_unit_tests_over_loopback() throws Exception {
    String out =
        TypeScriptToolchain.run(
            PYTHON_SDK, List.of("python3", "-m", "unittest", "discover", "-s", "tests", "-v"));

    assertThat(out).contains("test_signs_the_worked_example_of_the_contract_exactly", "OK");
  }

  @Test
  void typescript_sdk_passes_its_unit_tests_over_loopback() throws Exception {
    String out =
        TypeScriptToolchain.run(TypeScriptToolchain.SDK, List.of("node", "--test", "test/"));

    assertThat(out).contains("# fail 0").containsPattern("# pass [1-9]");
  }

  @Test
  void committed_typescript_dist_is_what_the_sources_compile_to() throws Exception {
    Path compiled = work.resolve("dist");
    TypeScriptToolchain.tsc(
        TypeScriptToolchain.SDK, "-p", "tsconfig.json", "--outDir", compiled.toString());

    Path committed = TypeScriptToolchain.SDK.resolve("dist");
    assertThat(files(compiled)).isEqualTo(files(committed)).isNotEmpty();
    for (String file : files(committed)) {
      assertThat(Files.readString(committed.resolve(file)))
          .as(
              "sdks/typescript/agent/dist/%s differs from what src/ compiles to; run 'npm ci &&"
                  + " npm run build' in sdks/typescript/agent and commit dist/",
              file)
          .isEqualTo(Files.readString(compiled.resolve(file)));
    }
  }

  private static List<String> files(Path dir) throws Exception {
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
