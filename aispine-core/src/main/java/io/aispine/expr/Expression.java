package io.aispine.expr;

import java.util.List;
import java.util.Map;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.MapContext;

/**
 * A compiled, side-effect-free expression. Thread-safe: one instance may be evaluated by many
 * threads at once. Obtain instances from {@link Expressions#compile(String)}.
 */
public final class Expression {

  private final String source;
  private final JexlScript script;
  private final List<List<String>> variables;

  Expression(String source, JexlScript script) {
    this.source = source;
    this.script = script;
    this.variables =
        script.getVariables().stream().map(List::copyOf).map(v -> (List<String>) v).toList();
  }

  /** The source text. */
  public String source() {
    return source;
  }

  /**
   * The variable paths the expression reads, such as {@code [nodes, ocr, output]}, so validation
   * can check that every referenced node exists.
   */
  public List<List<String>> variables() {
    return variables;
  }

  /**
   * Evaluates against named values ({@code inputs}, {@code nodes}, {@code context} …).
   *
   * @throws ExpressionException when evaluation fails or passes an {@link ExpressionLimits} bound,
   *     naming the expression and the cause
   */
  public Object evaluate(Map<String, Object> names) {
    Object value;
    try {
      value = script.execute(new MapContext(new java.util.HashMap<>(names)));
    } catch (JexlException.StackOverflow e) {
      throw Expressions.tooDeep(source);
    } catch (JexlException e) {
      LimitExceeded limit = limitIn(e);
      if (limit != null) {
        throw overLimit(Expressions.column(e), limit);
      }
      throw new ExpressionException(source, 0, describe(e));
    } catch (LimitExceeded e) {
      throw overLimit(0, e);
    } catch (ArithmeticException | ClassCastException e) {
      throw new ExpressionException(
          source, 0, "expression '" + quoted() + "' failed: " + e.getMessage());
    } catch (StackOverflowError e) {
      throw Expressions.tooDeep(source);
    }
    if (!JsonWeight.within(value, ExpressionLimits.MAX_RESULT)) {
      throw new ExpressionException(
          source,
          0,
          "expression '"
              + quoted()
              + "' yields a value of more than "
              + ExpressionLimits.MAX_RESULT
              + " characters as JSON; the limit is "
              + ExpressionLimits.MAX_RESULT);
    }
    return value;
  }

  private static LimitExceeded limitIn(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof LimitExceeded limit) {
        return limit;
      }
    }
    return null;
  }

  private ExpressionException overLimit(int column, LimitExceeded limit) {
    return new ExpressionException(
        source, column, "expression '" + quoted() + "' " + limit.getMessage());
  }

  private String quoted() {
    return ExpressionLimits.quote(source);
  }

  /** Evaluates as a condition: null and false are false, anything else is true. */
  public boolean test(Map<String, Object> names) {
    Object value = evaluate(names);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw new ExpressionException(
        source,
        0,
        "condition '"
            + quoted()
            + "' must be true or false, but was "
            + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
            + " "
            + abbreviate(String.valueOf(value)));
  }

  private String describe(JexlException e) {
    String detail = e.getMessage();
    // JEXL prefixes messages with the Java location of its internals; keep what the user wrote.
    int at = detail == null ? -1 : detail.indexOf(' ');
    String tail = at < 0 ? String.valueOf(detail) : detail.substring(at + 1);
    if (e instanceof JexlException.Variable v) {
      tail = "'" + v.getVariable() + "' is undefined";
    } else if (e instanceof JexlException.Property p) {
      tail = "property '" + p.getProperty() + "' is undefined or not accessible";
    }
    return "expression '" + quoted() + "' failed: " + tail;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  @Override
  public String toString() {
    return source;
  }
}
