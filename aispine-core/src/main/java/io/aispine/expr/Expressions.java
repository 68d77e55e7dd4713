package io.aispine.expr;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * Compiles flow expressions with a restricted Apache Commons JEXL: no loops, no assignments or
 * other side effects, no {@code new}, no lambdas, no method calls, no scripts, no class or
 * reflective access. What is left is property access, literals, comparisons, arithmetic, {@code
 * and}/{@code or}/{@code not}, the ternary and JEXL's {@code size()} / {@code empty()} operators,
 * within the {@link ExpressionLimits}.
 */
public final class Expressions {

  private static final JexlEngine ENGINE =
      new JexlBuilder()
          .permissions(new NoClassAccess(JexlPermissions.RESTRICTED))
          .arithmetic(new BoundedArithmetic(true))
          .features(
              new JexlFeatures()
                  .loops(false)
                  .sideEffect(false)
                  .sideEffectGlobal(false)
                  .newInstance(false)
                  .lambda(false)
                  .methodCall(false)
                  .script(false)
                  .pragma(false)
                  .localVar(false)
                  .annotation(false)
                  .structuredLiteral(true))
          // Strict: an undefined name is an error. Safe navigation: a property of null is null, so
          // an output reading a node of a branch not taken yields null instead of failing.
          .strict(true)
          .safe(true)
          .silent(false)
          .cache(512)
          .create();

  /** {@code .class} / {@code ['class']} on any value; JEXL would otherwise hand out the Class. */
  private static final Pattern CLASS_ACCESS =
      Pattern.compile("(\\.\\s*(class|getClass)\\b)|(\\[\\s*['\"](class|getClass)['\"]\\s*])");

  private static final Map<String, Expression> CACHE = new ConcurrentHashMap<>();
  private static final int CACHE_MAX = 2_048;
  private static final int CACHED_SOURCE_MAX = 256;

  private Expressions() {}

  /**
   * Compiles an expression (cached by source text).
   *
   * @throws ExpressionException when it is malformed or uses a forbidden construct
   */
  public static Expression compile(String source) {
    Expression cached = CACHE.get(source);
    if (cached != null) {
      return cached;
    }
    Expression compiled = doCompile(source);
    // Bounded by count and by the size of what it keeps: flows have a few hundred distinct
    // expressions, while hostile deploys can send thousands of long ones (a cache bounded by count
    // only kept 36 MiB of them in the fuzz test). A miss costs one compile.
    if (source.length() <= CACHED_SOURCE_MAX && CACHE.size() < CACHE_MAX) {
      CACHE.put(source, compiled);
    }
    return compiled;
  }

  private static Expression doCompile(String source) {
    if (source == null || source.isBlank()) {
      throw new ExpressionException(String.valueOf(source), 1, "expression is empty");
    }
    if (source.length() > ExpressionLimits.MAX_LENGTH) {
      throw new ExpressionException(
          source,
          1,
          "expression '"
              + ExpressionLimits.quote(source)
              + "' is "
              + source.length()
              + " characters long; the limit is "
              + ExpressionLimits.MAX_LENGTH
              + " (compute long values in an agent)");
    }
    SourceScan.check(source);
    var classAccess = CLASS_ACCESS.matcher(source);
    if (classAccess.find()) {
      throw new ExpressionException(
          source,
          classAccess.start() + 1,
          "expression '"
              + ExpressionLimits.quote(source)
              + "' uses class access, which flows may not use");
    }
    try {
      return new Expression(source, ENGINE.createScript(source));
    } catch (JexlException.Feature e) {
      throw new ExpressionException(
          source,
          column(e),
          "expression '"
              + ExpressionLimits.quote(source)
              + "' uses a forbidden construct: "
              + featureName(e));
    } catch (JexlException e) {
      throw new ExpressionException(
          source,
          column(e),
          "expression '" + ExpressionLimits.quote(source) + "' is malformed: " + summary(e));
    } catch (StackOverflowError e) {
      // the scan bounds nesting, but a thread with a small stack may still run out: fail the
      // expression, not the thread
      throw tooDeep(source);
    }
  }

  /** The expression needs more stack than the thread has to be parsed or evaluated. */
  static ExpressionException tooDeep(String source) {
    return new ExpressionException(
        source,
        1,
        "expression '"
            + ExpressionLimits.quote(source)
            + "' is too deeply nested to handle; simplify it");
  }

  /** The 1-based column inside the expression that JEXL blames, or 0 when it names none. */
  static int column(JexlException e) {
    var info = e.getInfo();
    return info == null ? 0 : Math.max(1, info.getColumn());
  }

  private static final Pattern FEATURE = Pattern.compile("@\\d+:\\d+ (.+?) error in");

  private static String featureName(JexlException.Feature e) {
    // JEXL says "@1:1 loop error in 'while (...) ...'"; the user needs only the construct's name.
    var m = FEATURE.matcher(String.valueOf(e.getMessage()));
    return m.find() ? m.group(1) : "this construct is not allowed in flow expressions";
  }

  private static String summary(JexlException e) {
    String message = String.valueOf(e.getMessage());
    // "…@1:5 parse error in ',' near ..." → keep what follows the position
    int space = message.indexOf(' ');
    return space < 0 ? message : message.substring(space + 1).trim();
  }

  /** RESTRICTED permissions minus {@link Object#getClass()}, so no value leaks its Class. */
  private static final class NoClassAccess extends JexlPermissions.Delegate {
    NoClassAccess(JexlPermissions base) {
      super(base);
    }

    @Override
    public boolean allow(Method method) {
      return !"getClass".equals(method.getName()) && super.allow(method);
    }

    @Override
    public JexlPermissions compose(String... src) {
      return new NoClassAccess(base.compose(src));
    }
  }
}
