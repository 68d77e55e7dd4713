package io.aispine.kyc.ocr;

/**
 * Whether names read in the visual zone agree with the name field of a machine-readable zone as OCR
 * read it: an edit distance in which a filler read as a look-alike letter ({@code K}, {@code C},
 * {@code E} …) costs nothing, and at most three other edits (letters told apart differently, a
 * filler read twice) are allowed.
 */
final class NameConsistency {

  private static final int MAX_EDITS = 3;

  private NameConsistency() {}

  static boolean consistent(String surname, String givenNames, String mrzNameField) {
    // Trailing fillers compared away: an inserted letter shifts them, which is no second edit.
    String expected =
        (surname.trim().replace(' ', '<') + "<<" + givenNames.trim().replace(' ', '<'))
            .replaceAll("<+$", "");
    String got = mrzNameField.replaceAll("[<KCESLXZ]*$", "");
    if (got.length() < expected.length() - MAX_EDITS) {
      got = mrzNameField.replaceAll("<+$", "");
    }
    int[] previous = new int[got.length() + 1];
    int[] current = new int[got.length() + 1];
    for (int j = 0; j <= got.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= expected.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= got.length(); j++) {
        char want = expected.charAt(i - 1);
        char read = got.charAt(j - 1);
        int cost = want == read || (want == '<' && "KCESLXZ".indexOf(read) >= 0) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[got.length()] <= MAX_EDITS;
  }
}
