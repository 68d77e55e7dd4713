package io.aispine.kyc.mrz;

import java.util.List;

/**
 * A check digit at ({@code line}, {@code position}) over the {@code covered} fields, in order.
 * {@code fillerWhenEmpty}: the digit may be a filler when every covered character is one.
 */
record Check(String name, List<Field> covered, int line, int position, boolean fillerWhenEmpty) {

  Check {
    covered = List.copyOf(covered);
  }

  /** The covered characters, in order. */
  String text(char[][] rows) {
    var text = new StringBuilder();
    for (Field f : covered) {
      text.append(rows[f.line()], f.start(), f.end() - f.start());
    }
    return text.toString();
  }

  /**
   * The digit of empty optional data is a filler: a filler look-alike there is one misread. Returns
   * 1 when it repaired the digit.
   */
  int settleEmptyFiller(char[][] rows) {
    char digit = rows[line][position];
    if (fillerWhenEmpty
        && digit != '<'
        && FieldType.fillerLookAlike(digit)
        && text(rows).chars().allMatch(c -> c == '<')) {
      rows[line][position] = '<';
      return 1;
    }
    return 0;
  }

  boolean verifies(char[][] rows) {
    String text = text(rows);
    char digit = rows[line][position];
    if (fillerWhenEmpty && digit == '<') {
      return text.chars().allMatch(c -> c == '<');
    }
    return CheckDigits.verifies(text, digit);
  }
}
