package io.aispine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps {@code docs/flow.schema.json}, which editors use for completion and squiggles, in step with
 * the parser: what the parser accepts the schema accepts, and structural errors it rejects too.
 */
class FlowSchemaTest {

  private static final Path ROOT = Path.of("..");
  private static final Path EXAMPLES = ROOT.resolve("examples/flows");
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Schema SCHEMA = loadSchema();

  static Stream<Path> acceptedFlows() throws IOException {
    return Stream.concat(examples(), FlowScenariosTest.validFlows());
  }

  static Stream<Path> examples() throws IOException {
    try (var files = Files.list(EXAMPLES)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedFlows")
  void schema_accepts_every_valid_flow_and_example(Path file) throws IOException {
    assertThat(schemaErrors(file)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void every_example_parses(Path file) throws IOException {
    Flow flow = FlowParser.parse(Files.readString(file), file.toString());

    assertThat(flow.id()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
  }

  /** The invalid scenarios whose problem is one of shape, which a JSON Schema can express. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "bad-enums",
        "bad-ids",
        "bad-inputs",
        "bad-retry-delays",
        "bad-timeout",
        "bad-version",
        "error-handling-conflict",
        "missing-required",
        "not-a-mapping",
        "unknown-node-field",
        "unknown-top-level-field",
        "wait-both",
        "approval-fields",
        "wrong-kind-fields"
      })
  void schema_rejects_structural_errors(String name) throws IOException {
    Path file = FlowScenariosTest.FLOWS.resolve("invalid/" + name + ".yaml");

    assertThat(schemaErrors(file)).as("schema errors of %s", file).isNotEmpty();
  }

  private static List<Error> schemaErrors(Path file) throws IOException {
    JsonNode document = YAML.readTree(Files.readString(file));
    return SCHEMA.validate(document);
  }

  private static Schema loadSchema() {
    try {
      String text = Files.readString(ROOT.resolve("docs/flow.schema.json"));
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read docs/flow.schema.json", e);
    }
  }
}
