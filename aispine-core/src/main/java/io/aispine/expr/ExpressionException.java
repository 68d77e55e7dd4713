package io.aispine.expr;

/** An expression could not be compiled or evaluated; the message names the expression. */
public final class ExpressionException extends RuntimeException {

  private final String expression;
  private final int column;

  public ExpressionException(String expression, int column, String message) {
    super(message);
    this.expression = expression;
    this.column = column;
  }

  /** The expression's source text. */
  public String expression() {
    return expression;
  }

  /** The 1-based column inside the expression where the problem is, or 0 when unknown. */
  public int column() {
    return column;
  }
}
