package io.aispine.expr;

import java.util.ArrayDeque;
import java.util.Set;

/**
 * A cheap pass over an expression's text before JEXL parses it: JEXL's parser recurses once per
 * bracket and per prefix operator, so a few thousand of them overflow the stack of the thread that
 * deploys the flow. Counts nesting as the parser would, outside quoted strings and comments, and
 * refuses backquoted strings, which build text without going through the bounded {@code +}.
 */
final class SourceScan {

  /** Words that apply to the operand after them, as {@code !} does. */
  private static final Set<String> PREFIX_WORDS = Set.of("not", "empty");

  /** Words that stand between two operands, as {@code &&} does. */
  private static final Set<String> INFIX_WORDS =
      Set.of("and", "or", "eq", "ne", "lt", "le", "gt", "ge", "div", "mod");

  private final String source;

  /** The nesting where the current bracket was opened, one entry per open bracket. */
  private final ArrayDeque<Integer> bases = new ArrayDeque<>();

  /** The nesting of the bracket being read: what a completed operand returns to. */
  private int base;

  /** The nesting here: {@link #base} plus the prefix operators waiting for their operand. */
  private int depth;

  /** True where an operand must come next, so that {@code -} or {@code !} is a prefix. */
  private boolean operandNext = true;

  private SourceScan(String source) {
    this.source = source;
  }

  /**
   * Checks nesting and quoting.
   *
   * @throws ExpressionException at the column where the expression goes too deep or uses a
   *     backquote
   */
  static void check(String source) {
    new SourceScan(source).scan();
  }

  private void scan() {
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '\'' || c == '"') {
        i = endOfQuoted(i, c);
        operand();
      } else if (source.startsWith("//", i) || source.startsWith("##", i)) {
        // a comment: a quote in "// don't" must not hide the brackets after it
        i = endOf(source.indexOf('\n', i), 1);
      } else if (source.startsWith("/*", i)) {
        i = endOf(source.indexOf("*/", i + 2), 2);
      } else if (c == '`') {
        throw new ExpressionException(
            source,
            i + 1,
            "expression '"
                + ExpressionLimits.quote(source)
                + "' uses a `backquoted` string, which flows may not use (join text with +)");
      } else if (c == '(' || c == '[' || c == '{') {
        bases.push(base);
        deeper(i);
        base = depth;
        operandNext = true;
        i++;
      } else if (c == ')' || c == ']' || c == '}') {
        base = bases.isEmpty() ? 0 : bases.pop();
        operand();
        i++;
      } else if (Character.isJavaIdentifierStart(c) || Character.isDigit(c)) {
        int end = endOfWord(i);
        word(source.substring(i, end), i);
        i = end;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else {
        if (operandNext && (c == '!' || c == '-' || c == '+' || c == '~')) {
          deeper(i);
        } else {
          operandNext = true;
        }
        i++;
      }
    }
  }

  private void word(String word, int at) {
    if (PREFIX_WORDS.contains(word)) {
      deeper(at);
    } else if (INFIX_WORDS.contains(word)) {
      operandNext = true;
    } else {
      operand();
    }
  }

  /** An operand is complete: the prefix operators before it are applied. */
  private void operand() {
    depth = base;
    operandNext = false;
  }

  private void deeper(int at) {
    depth++;
    if (depth > ExpressionLimits.MAX_NESTING) {
      throw new ExpressionException(
          source,
          at + 1,
          "expression '"
              + ExpressionLimits.quote(source)
              + "' is nested more than "
              + ExpressionLimits.MAX_NESTING
              + " deep; the limit is "
              + ExpressionLimits.MAX_NESTING
              + " (brackets and prefix operators count; split it or compute it in an agent)");
    }
  }

  /** The index after a terminator found at {@code found} of {@code length}, or the text's end. */
  private int endOf(int found, int length) {
    return found < 0 ? source.length() : found + length;
  }

  /** The index after the word (identifier or number, with its dots) starting at {@code from}. */
  private int endOfWord(int from) {
    int i = from;
    while (i < source.length() && Character.isJavaIdentifierPart(source.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The index after the quote closing the string opened at {@code from}, or the text's end. */
  private int endOfQuoted(int from, char quote) {
    for (int i = from + 1; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i + 1;
      }
    }
    return source.length();
  }
}
