package io.aispine.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.expr.Expression;
import io.aispine.expr.ExpressionException;
import io.aispine.expr.Expressions;
import io.aispine.expr.Templates;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles every expression of a flow (decision conditions and the {@code ${…}} templates of {@code
 * with}, {@code until} and {@code outputs}) and checks the names they read, reporting problems at
 * their column inside the file rather than inside the expression.
 */
final class ExpressionCheck {

  /** The names an expression may start with; everything else would be undefined at run time. */
  static final List<String> ROOTS =
      List.of("inputs", "nodes", "context", "execution", "loop", "item");

  private final ProblemList problems;
  private final LocatedYaml yaml;
  private final Set<String> nodeIds;
  private final Set<String> inputNames;

  ExpressionCheck(ProblemList problems, LocatedYaml yaml, Set<String> nodeIds, Set<String> inputs) {
    this.problems = problems;
    this.yaml = yaml;
    this.nodeIds = nodeIds;
    this.inputNames = inputs;
  }

  /** Checks a bare condition ({@code if:}), which is an expression without {@code ${…}}. */
  void condition(JsonNode value, String pointer, String owner) {
    if (value == null || !value.isTextual()) {
      return;
    }
    String text = value.textValue();
    String trimmed = text.strip();
    if (trimmed.startsWith("${") && trimmed.endsWith("}")) {
      problems.value(
          pointer,
          owner
              + ": write the condition without ${…}: if: \""
              + trimmed.substring(2, trimmed.length() - 1).strip()
              + "\"");
      return;
    }
    expression(text, pointer, yaml.contentColumn(pointer), owner);
  }

  /** Checks every template in every string of a tree. */
  void templates(JsonNode tree, String pointer, String owner) {
    if (tree == null) {
      return;
    }
    if (tree.isTextual()) {
      templatesIn(tree.textValue(), pointer, owner);
    } else if (tree.isArray()) {
      for (int i = 0; i < tree.size(); i++) {
        templates(tree.get(i), LocatedYaml.child(pointer, i), owner);
      }
    } else if (tree.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
        var member = it.next();
        templates(member.getValue(), LocatedYaml.child(pointer, member.getKey()), owner);
      }
    }
  }

  private void templatesIn(String text, String pointer, String owner) {
    if (!Templates.hasTemplate(text)) {
      return;
    }
    int start = yaml.contentColumn(pointer);
    List<String> expressions;
    try {
      expressions = Templates.expressions(text);
    } catch (ExpressionException e) {
      report(pointer, start + Math.max(0, e.column() - 1), owner + ": " + e.getMessage());
      return;
    }
    int from = 0;
    for (String expression : expressions) {
      // Templates trims bodies; find each in the text to turn its offsets into file columns.
      int offset = Math.max(0, text.indexOf(expression, text.indexOf("${", from)));
      from = offset + expression.length();
      expression(expression, pointer, start + offset, owner);
    }
  }

  private void expression(String source, String pointer, int column, String owner) {
    Expression compiled;
    try {
      compiled = Expressions.compile(source);
    } catch (ExpressionException e) {
      report(pointer, column + Math.max(0, e.column() - 1), owner + ": " + e.getMessage());
      return;
    }
    for (List<String> path : compiled.variables()) {
      String problem = checkPath(path, source);
      if (problem != null) {
        String name = path.size() > 1 && !ROOTS.contains(path.get(0)) ? path.get(0) : last(path);
        int at = Math.max(0, source.indexOf(name));
        report(pointer, column + at, owner + ": " + problem);
      }
    }
  }

  /** What is wrong with one variable path, or null when it can be defined at run time. */
  private String checkPath(List<String> path, String source) {
    String root = path.get(0);
    if (!ROOTS.contains(root)) {
      return "expression '" + source + "' reads unknown name '" + root + "'" + hintOrRoots(root);
    }
    if (path.size() < 2) {
      return null;
    }
    String name = path.get(1);
    if (root.equals("nodes") && !nodeIds.contains(name)) {
      return "expression '"
          + source
          + "' references unknown node '"
          + name
          + "'"
          + DidYouMean.hint(name, nodeIds);
    }
    if (root.equals("inputs") && !inputNames.contains(name)) {
      String hint = DidYouMean.hint(name, inputNames);
      return "expression '"
          + source
          + "' reads undeclared input '"
          + name
          + "'"
          + (hint.isEmpty() ? " (declare it under inputs)" : hint);
    }
    return null;
  }

  private static String hintOrRoots(String root) {
    String hint = DidYouMean.hint(root, ROOTS);
    return hint.isEmpty() ? " (expressions start with " + String.join(", ", ROOTS) + ")" : hint;
  }

  private static String last(List<String> path) {
    return path.size() > 1 ? path.get(1) : path.get(0);
  }

  private void report(String pointer, int column, String message) {
    SourceLocation start = yaml.valueAt(pointer);
    problems.at(new SourceLocation(start.line(), column), pointer, message);
  }
}
