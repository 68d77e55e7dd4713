package io.aispine.expr;

/**
 * The bounds on what a flow expression may be and what it may produce. Flow files are deployed by
 * many people and evaluated inside the engine, so no single expression may take the engine's stack
 * (deep nesting) or memory (a two-billion-element range, a doubling string) with it. Documented in
 * docs/flows.md under Expressions.
 */
public final class ExpressionLimits {

  /** Characters in one expression (the inside of one {@code ${…}}, or one condition). */
  public static final int MAX_LENGTH = 4096;

  /**
   * How deep brackets ( [ { and prefix operators (! - + ~ not empty) may nest: JEXL's parser
   * recurses once per level, and thousands of levels overflow the stack of the thread parsing.
   */
  public static final int MAX_NESTING = 64;

  /** Elements of a range {@code a..b}. */
  public static final int MAX_RANGE = 10_000;

  /** Elements of one list, set or map literal. */
  public static final int MAX_LITERAL = 1_000;

  /** Characters of a string built by {@code +} or by a template that mixes text and values. */
  public static final int MAX_STRING = 1 << 20;

  /**
   * Characters of a value written as JSON (roughly its size), for one expression's value and for
   * all the templates of one tree (a node's whole {@code with}) together. This only stops a runaway
   * value early (a list repeating a large output a thousand times): what a node's input may weigh
   * is the engine's payload limit ({@code AISPINE_MAX_NODE_PAYLOAD}, 1 MiB by default), so this is
   * the highest value that setting accepts, and raising the setting lets larger values through.
   */
  public static final int MAX_RESULT = 64 << 20;

  private ExpressionLimits() {}

  /**
   * An expression's source as a message quotes it: whole when short, else its start and an ellipsis
   * so a 40,000-character expression does not make a 40,000-character message.
   */
  static String quote(String source) {
    return source.length() <= 80 ? source : source.substring(0, 60) + "...";
  }
}
