package io.aispine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the flow scenarios kept as data: every {@code flows/valid/*.yaml} parses, and every {@code
 * flows/invalid/*.yaml} is rejected with exactly the problems listed in its {@code .expected}
 * sibling, one {@code line col: message} substring per line.
 */
class FlowScenariosTest {

  static final Path FLOWS = Path.of("src/test/resources/flows");

  static Stream<Path> validFlows() throws IOException {
    return yamlFiles(FLOWS.resolve("valid"));
  }

  static Stream<Path> invalidFlows() throws IOException {
    return yamlFiles(FLOWS.resolve("invalid"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFlows")
  void valid_flow_parses_without_problems(Path file) throws IOException {
    String yaml = Files.readString(file);

    assertThat(FlowParser.validate(yaml, file.toString())).isEmpty();
    Flow flow = FlowParser.parse(yaml, file.toString());
    assertThat(flow.nodes()).isNotEmpty();
    assertThat(FlowGraph.of(flow).order()).hasSize(flow.nodes().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFlows")
  void invalid_flow_is_rejected_with_the_expected_problems(Path file) throws IOException {
    String yaml = Files.readString(file);
    List<String> expected = expectedProblems(file);

    List<String> actual =
        FlowParser.validate(yaml, file.getFileName().toString()).stream()
            .map(p -> p.line() + " " + p.column() + ": " + p.message())
            .toList();

    assertThat(expected).as("%s needs a non-empty .expected file", file).isNotEmpty();
    for (String line : expected) {
      assertThat(actual).as("problems of %s", file).anyMatch(p -> p.contains(line));
    }
    assertThat(actual).as("problems of %s (no more than expected)", file).hasSize(expected.size());
    assertThatThrownBy(() -> FlowParser.parse(yaml, file.toString()))
        .isInstanceOf(FlowValidationException.class);
  }

  static List<String> expectedProblems(Path yamlFile) throws IOException {
    String name = yamlFile.getFileName().toString().replaceFirst("\\.yaml$", ".expected");
    return Files.readAllLines(yamlFile.resolveSibling(name), StandardCharsets.UTF_8).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  private static Stream<Path> yamlFiles(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }
}
