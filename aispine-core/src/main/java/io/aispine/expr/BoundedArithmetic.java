package io.aispine.expr;

import static java.math.BigInteger.ONE;

import java.math.BigInteger;
import java.math.MathContext;
import org.apache.commons.jexl3.JexlArithmetic;

/**
 * JEXL's arithmetic with the {@link ExpressionLimits} on what an operator may build: ranges,
 * concatenated strings and literals. A range is lazy in JEXL, so it costs nothing until something
 * iterates it, such as the JSON writer of the node's input: it must be refused where it is made.
 */
final class BoundedArithmetic extends JexlArithmetic {

  BoundedArithmetic(boolean strict) {
    super(strict);
  }

  private BoundedArithmetic(boolean strict, MathContext context, int scale) {
    super(strict, context, scale);
  }

  @Override
  protected JexlArithmetic createWithOptions(boolean strict, MathContext context, int scale) {
    return new BoundedArithmetic(strict, context, scale);
  }

  @Override
  public Iterable<?> createRange(Object from, Object to) {
    // as a BigInteger: the span between two longs may not fit in a long
    BigInteger elements =
        BigInteger.valueOf(toLong(to)).subtract(BigInteger.valueOf(toLong(from))).abs().add(ONE);
    if (elements.compareTo(BigInteger.valueOf(ExpressionLimits.MAX_RANGE)) > 0) {
      throw new LimitExceeded(
          "makes a range of " + elements + " elements; the limit is " + ExpressionLimits.MAX_RANGE);
    }
    return super.createRange(from, to);
  }

  @Override
  public Object add(Object left, Object right) {
    Object sum = super.add(left, right);
    if (sum instanceof CharSequence text && text.length() > ExpressionLimits.MAX_STRING) {
      throw new LimitExceeded(
          "builds a string of "
              + text.length()
              + " characters; the limit is "
              + ExpressionLimits.MAX_STRING);
    }
    return sum;
  }

  @Override
  public ArrayBuilder arrayBuilder(int size, boolean extended) {
    return super.arrayBuilder(literal(size), extended);
  }

  @Override
  public SetBuilder setBuilder(int size, boolean extended) {
    return super.setBuilder(literal(size), extended);
  }

  @Override
  public MapBuilder mapBuilder(int size, boolean extended) {
    return super.mapBuilder(literal(size), extended);
  }

  private static int literal(int size) {
    if (size > ExpressionLimits.MAX_LITERAL) {
      throw new LimitExceeded(
          "has a literal of " + size + " elements; the limit is " + ExpressionLimits.MAX_LITERAL);
    }
    return size;
  }
}
