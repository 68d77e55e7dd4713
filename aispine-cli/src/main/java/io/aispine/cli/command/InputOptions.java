package io.aispine.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aispine.flow.Flow;
import io.aispine.flow.InputSpec;
import io.aispine.flow.InputType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Execution inputs from {@code --input k=v} pairs and an {@code --inputs} JSON or YAML file. */
public final class InputOptions {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Option(
      names = {"-i", "--input"},
      paramLabel = "NAME=VALUE",
      description =
          "An input value; repeatable. Parsed as JSON when the input's declared type is not string (e.g. count=3, tags=[\"a\"]).")
  public List<String> pairs = List.of();

  @Option(
      names = "--inputs",
      paramLabel = "FILE",
      description = "A JSON or YAML file with an object of inputs; --input values override it.")
  public Path file;

  /**
   * The inputs for {@code flow}: the file first, then each pair, typed by the flow's declarations.
   */
  public Map<String, Object> collect(Flow flow) {
    return collect(
        name -> {
          InputSpec spec = flow.inputs().get(name);
          return spec == null ? null : spec.type();
        });
  }

  /**
   * The inputs, typed by {@code declaredType} (null for an undeclared name): how a remote flow's
   * declarations, read from the server, type the values given on the command line.
   */
  public Map<String, Object> collect(Function<String, InputType> declaredType) {
    var inputs = new LinkedHashMap<String, Object>();
    if (file != null) {
      inputs.putAll(readFile(file));
    }
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new CliException(ExitCodes.USAGE, "--input '" + pair + "' must look like NAME=VALUE");
      }
      String name = pair.substring(0, eq);
      inputs.put(name, typed(declaredType.apply(name), name, pair.substring(eq + 1)));
    }
    return inputs;
  }

  private static Object typed(InputType type, String name, String raw) {
    // Unknown names pass through as text; the engine rejects them with the list of known inputs.
    if (type == null || type == InputType.STRING) {
      return raw;
    }
    try {
      return JSON.readValue(raw, Object.class);
    } catch (JsonProcessingException e) {
      if (type == InputType.ANY) {
        return raw;
      }
      throw new CliException(
          ExitCodes.INVALID_INPUTS,
          "input '"
              + name
              + "' is declared "
              + type.yamlName()
              + " but '"
              + raw
              + "' is not a valid "
              + type.yamlName()
              + " value");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readFile(Path path) {
    try {
      String text = Files.readString(path);
      Object value =
          (path.toString().endsWith(".json") ? JSON : YAML).readValue(text, Object.class);
      if (!(value instanceof Map<?, ?> map)) {
        throw new CliException(
            ExitCodes.INVALID_INPUTS, "--inputs " + path + " must hold an object of name: value");
      }
      return (Map<String, Object>) map;
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.INVALID_INPUTS, "cannot read --inputs " + path + ": " + e.getMessage());
    }
  }
}
