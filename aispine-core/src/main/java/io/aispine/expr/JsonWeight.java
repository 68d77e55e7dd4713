package io.aispine.expr;

import java.lang.reflect.Array;
import java.util.Map;

/**
 * Roughly how many characters values take as JSON, added up against a budget and counted only until
 * the budget is spent: a list repeating one large value a thousand times is cheap to hold (a
 * thousand references) but not to write, and must be refused before it is written.
 */
final class JsonWeight {

  private final long budget;
  private long spent;

  JsonWeight(long budget) {
    this.budget = budget;
  }

  /** Whether one value alone weighs at most {@code budget}. */
  static boolean within(Object value, long budget) {
    return new JsonWeight(budget).add(value);
  }

  /** Adds a value's weight; false once the total is over the budget (then it stops counting). */
  boolean add(Object value) {
    return count(value) && spent <= budget;
  }

  /** Adds a number of characters; false once the total is over the budget. */
  boolean addCharacters(long characters) {
    spent += characters;
    return spent <= budget;
  }

  private boolean count(Object value) {
    switch (value) {
      case null -> spent += 4;
      case CharSequence text -> spent += text.length() + 2;
      case Number number -> spent += String.valueOf(number).length();
      case Boolean bool -> spent += 5;
      case Map<?, ?> map -> {
        spent += 2;
        for (var entry : map.entrySet()) {
          if (!addCharacters(String.valueOf(entry.getKey()).length() + 4)
              || !count(entry.getValue())) {
            return false;
          }
        }
      }
      case Iterable<?> items -> {
        spent += 2;
        for (Object item : items) {
          if (!addCharacters(1) || !count(item)) {
            return false;
          }
        }
      }
      default -> {
        if (value.getClass().isArray()) {
          spent += 2;
          for (int i = 0, n = Array.getLength(value); i < n; i++) {
            if (!addCharacters(1) || !count(Array.get(value, i))) {
              return false;
            }
          }
        } else {
          spent += String.valueOf(value).length() + 2;
        }
      }
    }
    return spent <= budget;
  }
}
