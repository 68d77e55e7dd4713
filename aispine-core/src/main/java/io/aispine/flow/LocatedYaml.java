package io.aispine.flow;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document read into a JSON tree, with the source location of every key and value by JSON
 * pointer, so that validation can point at the exact line and column of what it rejects.
 *
 * <p>The tree is built from the token stream in one pass rather than with {@code readTree} because
 * only the stream knows locations, and because duplicate keys (which {@code readTree} silently
 * collapses) must be reported with both lines.
 */
final class LocatedYaml {

  /** Flows are small; anything larger is a mistake or an attack. */
  static final int MAX_BYTES = 1024 * 1024;

  /** Deep enough for any real {@code with} payload, shallow enough to stop pathological input. */
  static final int MAX_DEPTH = 64;

  private static final YAMLFactory FACTORY = createFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode root;
  private final Map<String, SourceLocation> keys;
  private final Map<String, SourceLocation> values;
  private final String[] lines;

  private LocatedYaml(
      JsonNode root,
      Map<String, SourceLocation> keys,
      Map<String, SourceLocation> values,
      String text) {
    this.root = root;
    this.keys = keys;
    this.values = values;
    this.lines = text.split("\n", -1);
  }

  /**
   * Reads one YAML document, reporting syntax errors, duplicate keys, aliases, excessive size and
   * depth to {@code problems}.
   *
   * @return the document, whose root is null when it could not be read at all
   */
  static LocatedYaml read(String text, ProblemList problems) {
    var keys = new HashMap<String, SourceLocation>();
    var values = new HashMap<String, SourceLocation>();
    var located = new LocatedYaml(null, keys, values, text == null ? "" : text);
    problems.attach(located);
    if (text == null || text.isBlank()) {
      problems.at(new SourceLocation(1, 1), "", "the flow file is empty");
      return located;
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      problems.at(
          new SourceLocation(1, 1),
          "",
          "the flow file is larger than "
              + (MAX_BYTES / 1024)
              + " KiB; split it into smaller flows");
      return located;
    }
    try (var parser = (YAMLParser) FACTORY.createParser(text)) {
      var builder = new TreeBuilder(parser, keys, values, problems);
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.at(new SourceLocation(1, 1), "", "the flow file is empty");
        return located;
      }
      JsonNode root = builder.value(0);
      if (parser.nextToken() != null) {
        problems.at(
            location(parser.currentTokenLocation()),
            "",
            "a flow file holds one YAML document; remove the second '---' document");
      }
      var result = new LocatedYaml(root, keys, values, text);
      problems.attach(result);
      return result;
    } catch (JsonProcessingException e) {
      reportSyntax(e, problems);
      return located;
    } catch (IOException e) {
      problems.at(new SourceLocation(1, 1), "", "cannot read the flow: " + e.getMessage());
      return located;
    }
  }

  /** The document's root value, or null when it could not be read. */
  JsonNode root() {
    return root;
  }

  /** Where the value at {@code pointer} starts, or the nearest enclosing value's location. */
  SourceLocation valueAt(String pointer) {
    String p = pointer;
    while (true) {
      SourceLocation found = values.get(p);
      if (found != null) {
        return found;
      }
      if (p.isEmpty()) {
        return new SourceLocation(1, 1);
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** Where the key of the member at {@code pointer} starts; falls back to its value. */
  SourceLocation keyAt(String pointer) {
    SourceLocation found = keys.get(pointer);
    return found != null ? found : valueAt(pointer);
  }

  /**
   * The file column of the first character of a string's content: one past the opening quote for
   * quoted scalars, so that offsets inside the string map onto the file.
   */
  int contentColumn(String pointer) {
    SourceLocation at = valueAt(pointer);
    if (at.line() < 1 || at.line() > lines.length) {
      return at.column();
    }
    String line = lines[at.line() - 1];
    int index = at.column() - 1;
    boolean quoted =
        index < line.length() && (line.charAt(index) == '"' || line.charAt(index) == '\'');
    return quoted ? at.column() + 1 : at.column();
  }

  /** The pointer of member {@code key} of the object at {@code parent}, escaped per RFC 6901. */
  static String child(String parent, String key) {
    return parent + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  /** The pointer of element {@code index} of the array at {@code parent}. */
  static String child(String parent, int index) {
    return parent + "/" + index;
  }

  private static void reportSyntax(JsonProcessingException e, ProblemList problems) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        var mark = marked.getProblemMark();
        problems.at(
            new SourceLocation(mark.getLine() + 1, mark.getColumn() + 1),
            "",
            "YAML syntax error: " + marked.getProblem());
        return;
      }
    }
    problems.at(location(e.getLocation()), "", "YAML syntax error: " + e.getOriginalMessage());
  }

  static SourceLocation location(JsonLocation at) {
    return at == null
        ? new SourceLocation(1, 1)
        : new SourceLocation(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
  }

  private static YAMLFactory createFactory() {
    var loader = new LoaderOptions();
    loader.setMaxAliasesForCollections(10);
    loader.setNestingDepthLimit(MAX_DEPTH + 8);
    loader.setCodePointLimit(MAX_BYTES + 1);
    return YAMLFactory.builder()
        .loaderOptions(loader)
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH + 8)
                .maxDocumentLength(MAX_BYTES + 1L)
                .build())
        .build();
  }

  /** Builds the tree from the token stream, recording locations as it goes. */
  private record TreeBuilder(
      YAMLParser parser,
      Map<String, SourceLocation> keys,
      Map<String, SourceLocation> values,
      ProblemList problems) {

    /** Reads the value whose first token is current. */
    JsonNode value(int depth) throws IOException {
      String pointer = parser.getParsingContext().pathAsPointer().toString();
      SourceLocation at = location(parser.currentTokenLocation());
      values.putIfAbsent(pointer, at);
      if (depth > MAX_DEPTH) {
        problems.at(at, pointer, "the document nests deeper than " + MAX_DEPTH + " levels");
        parser.skipChildren();
        return NODES.nullNode();
      }
      if (parser.isCurrentAlias()) {
        // Jackson does not expand aliases (it yields the alias name), and expanding them is how
        // "billion laughs" documents blow up, so they are refused rather than half-supported.
        problems.at(
            at,
            pointer,
            "YAML aliases (*" + parser.getText() + ") are not supported; repeat the value instead");
        return NODES.nullNode();
      }
      return switch (parser.currentToken()) {
        case START_OBJECT -> object(pointer, depth);
        case START_ARRAY -> array(depth);
        case VALUE_STRING -> NODES.textNode(parser.getText());
        case VALUE_NUMBER_INT ->
            switch (parser.getNumberType()) {
              case INT -> NODES.numberNode(parser.getIntValue());
              case LONG -> NODES.numberNode(parser.getLongValue());
              default -> NODES.numberNode(parser.getBigIntegerValue());
            };
        case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
        case VALUE_TRUE -> NODES.booleanNode(true);
        case VALUE_FALSE -> NODES.booleanNode(false);
        default -> NODES.nullNode();
      };
    }

    private ObjectNode object(String pointer, int depth) throws IOException {
      ObjectNode object = NODES.objectNode();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        String memberPointer = child(pointer, name);
        SourceLocation keyAt = location(parser.currentTokenLocation());
        parser.nextToken();
        if (object.has(name)) {
          SourceLocation first = keys.get(memberPointer);
          problems.at(
              keyAt,
              memberPointer,
              "duplicate key '"
                  + name
                  + "' (first defined on line "
                  + (first == null ? "?" : first.line())
                  + ")");
          parser.skipChildren();
          continue;
        }
        keys.put(memberPointer, keyAt);
        object.set(name, value(depth + 1));
      }
      return object;
    }

    private ArrayNode array(int depth) throws IOException {
      ArrayNode array = NODES.arrayNode();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        array.add(value(depth + 1));
      }
      return array;
    }
  }
}
