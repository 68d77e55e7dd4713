package io.aispine.kyc.mrz;

/** ICAO 9303 check digits: weights 7, 3, 1 repeated; digits count as themselves, A–Z as 10–35. */
public final class CheckDigits {

  private CheckDigits() {}

  /** The check digit of {@code field} (only {@code 0-9}, {@code A-Z} and {@code <} allowed). */
  public static char of(CharSequence field) {
    int[] weights = {7, 3, 1};
    int sum = 0;
    for (int i = 0; i < field.length(); i++) {
      sum += value(field.charAt(i)) * weights[i % 3];
    }
    return (char) ('0' + sum % 10);
  }

  /** Whether {@code digit} is the check digit of {@code field}. */
  public static boolean verifies(CharSequence field, char digit) {
    return isMrzText(field) && of(field) == digit;
  }

  /** Whether every character is one the MRZ alphabet allows. */
  public static boolean isMrzText(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c == '<' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }

  private static int value(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A' + 10;
    }
    if (c == '<') {
      return 0;
    }
    throw new IllegalArgumentException("'" + c + "' is not an MRZ character (0-9, A-Z, <)");
  }
}
