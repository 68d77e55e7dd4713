package io.aispine.expr;

/**
 * Thrown from inside JEXL when evaluation would pass an {@link ExpressionLimits} bound. An {@link
 * ArithmeticException} so that JEXL wraps it with the position of the operator; {@link Expression}
 * unwraps it into an {@link ExpressionException} naming the expression.
 */
final class LimitExceeded extends ArithmeticException {

  /**
   * @param what what the expression does, completing "expression 'x' …", such as {@code makes a
   *     range of 2000000000 elements; the limit is 10000}
   */
  LimitExceeded(String what) {
    super(what);
  }
}
