package io.aispine.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.expr.Expression;
import io.aispine.expr.ExpressionException;
import io.aispine.expr.Expressions;
import io.aispine.expr.SecretReferences;
import io.aispine.expr.Templates;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles every expression of a flow (decision conditions and the {@code ${…}} templates of {@code
 * with}, {@code until} and {@code outputs}), checks the names they read and evaluates those that
 * read none, reporting problems at their column inside the file rather than inside the expression.
 */
final class ExpressionCheck {

  /** The names every expression may start with; the others depend on where it stands. */
  static final List<String> ROOTS = List.of("inputs", "nodes", "context", "execution");

  /** Every name an expression can start with somewhere, for hints. */
  static final List<String> EVERY_ROOT =
      List.of("inputs", "nodes", "context", "execution", "loop", "item", "item_index", "branch");

  /**
   * What an expression can see where it stands.
   *
   * @param nodeIds the nodes it may read: those of its own body and of every body around it
   * @param roots the names it may start with ({@code loop} only inside a loop, {@code item} only
   *     inside a foreach …)
   */
  record Scope(Set<String> nodeIds, List<String> roots) {

    /** This scope with more nodes and names visible. */
    Scope with(Set<String> moreIds, List<String> moreRoots) {
      var ids = new java.util.LinkedHashSet<>(nodeIds);
      ids.addAll(moreIds);
      var names = new java.util.ArrayList<>(roots);
      moreRoots.stream().filter(r -> !names.contains(r)).forEach(names::add);
      return new Scope(ids, List.copyOf(names));
    }
  }

  private final ProblemList problems;
  private final LocatedYaml yaml;
  private final Set<String> inputNames;
  private final Set<String> everyNodeId;
  private Scope scope;

  ExpressionCheck(
      ProblemList problems, LocatedYaml yaml, Set<String> everyNodeId, Set<String> inputs) {
    this.problems = problems;
    this.yaml = yaml;
    this.everyNodeId = everyNodeId;
    this.inputNames = inputs;
    this.scope = new Scope(everyNodeId, ROOTS);
  }

  /** Checks the following expressions as standing in {@code scope}. */
  ExpressionCheck in(Scope scope) {
    this.scope = scope;
    return this;
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
    templates(tree, pointer, owner, false);
  }

  /**
   * Checks a task node's {@code with}, where {@code ${secrets.NAME}} may also stand (resolved only
   * in the call to the agent).
   */
  void taskInput(JsonNode tree, String pointer, String owner) {
    templates(tree, pointer, owner, true);
  }

  private void templates(JsonNode tree, String pointer, String owner, boolean secrets) {
    if (tree == null) {
      return;
    }
    if (tree.isTextual()) {
      templatesIn(tree.textValue(), pointer, owner, secrets);
    } else if (tree.isArray()) {
      for (int i = 0; i < tree.size(); i++) {
        templates(tree.get(i), LocatedYaml.child(pointer, i), owner, secrets);
      }
    } else if (tree.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
        var member = it.next();
        templates(member.getValue(), LocatedYaml.child(pointer, member.getKey()), owner, secrets);
      }
    }
  }

  private void templatesIn(String text, String pointer, String owner, boolean secrets) {
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
      if (SecretReferences.readsSecrets(expression)) {
        String problem = secretProblem(expression, secrets);
        if (problem != null) {
          report(pointer, start + offset, owner + ": " + problem);
        }
        continue;
      }
      expression(expression, pointer, start + offset, owner);
    }
  }

  /** Why a template reading {@code secrets} may not stand here, or null when it may. */
  private static String secretProblem(String expression, boolean allowed) {
    if (!allowed) {
      return "'${"
          + expression
          + "}': secrets may be used only in a task node's with (they are put into the call to"
          + " the agent, never into outputs, messages or timers)";
    }
    if (SecretReferences.nameIn(expression) == null) {
      return "'${"
          + expression
          + "}': a secret is referenced alone, as ${secrets.NAME} with NAME matching"
          + " [A-Za-z_][A-Za-z0-9_]{0,63}; it cannot be part of an expression";
    }
    return null;
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
        String name =
            path.size() > 1 && !scope.roots().contains(path.get(0)) ? path.get(0) : last(path);
        int at = Math.max(0, source.indexOf(name));
        report(pointer, column + at, owner + ": " + problem);
      }
    }
    if (compiled.variables().isEmpty()) {
      constant(compiled, pointer, column, owner);
    }
  }

  /**
   * Evaluates an expression that reads no names: it yields the same at every run, so a failure (a
   * range over the limit, a division by zero) is certain and better reported now than as a node
   * failing in production. The limits keep this evaluation cheap.
   */
  private void constant(Expression compiled, String pointer, int column, String owner) {
    try {
      compiled.evaluate(Map.of());
    } catch (ExpressionException e) {
      report(pointer, column + Math.max(0, e.column() - 1), owner + ": " + e.getMessage());
    }
  }

  /** What is wrong with one variable path, or null when it can be defined at run time. */
  private String checkPath(List<String> path, String source) {
    String root = path.get(0);
    if (!scope.roots().contains(root)) {
      // a trigger's templates stand outside the nodes: only the trigger's own names apply there
      if (EVERY_ROOT.contains(root) && !scope.roots().contains("trigger")) {
        return "expression '" + source + "' reads '" + root + "', which " + whereDefined(root);
      }
      return "expression '" + source + "' reads unknown name '" + root + "'" + hintOrRoots(root);
    }
    if (path.size() < 2) {
      return null;
    }
    String name = path.get(1);
    if (root.equals("nodes") && !scope.nodeIds().contains(name)) {
      if (everyNodeId.contains(name)) {
        return "expression '"
            + source
            + "' references node '"
            + name
            + "', which is inside a body this expression is not in (read the body's result"
            + " through its loop, foreach or fork node instead)";
      }
      return "expression '"
          + source
          + "' references unknown node '"
          + name
          + "'"
          + DidYouMean.hint(name, scope.nodeIds());
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

  private String hintOrRoots(String root) {
    String hint = DidYouMean.hint(root, scope.roots());
    return hint.isEmpty()
        ? " (expressions start with " + String.join(", ", scope.roots()) + ")"
        : hint;
  }

  private static String whereDefined(String root) {
    return switch (root) {
      case "loop" -> "is only defined inside a loop's body, until, break_if and output";
      case "item", "item_index" -> "is only defined inside a foreach's body and output";
      default -> "is only defined in a fork's join score";
    };
  }

  private static String last(List<String> path) {
    return path.size() > 1 ? path.get(1) : path.get(0);
  }

  private void report(String pointer, int column, String message) {
    SourceLocation start = yaml.valueAt(pointer);
    problems.at(new SourceLocation(start.line(), column), pointer, message);
  }
}
