package io.aispine.kyc.mrz;

/** What a field of the zone may hold, which decides how a look-alike character is read. */
enum FieldType {
  /** Dates and check digits: a letter there is a misread digit. */
  NUMERIC,
  /** Codes of states and document types: a digit there is a misread letter. */
  ALPHA,
  /** Names: letters and fillers; no run of three fillers inside the names. */
  NAME,
  /** Document numbers and optional data: either, settled by the check digit. */
  ALPHANUMERIC,
  /** {@code M}, {@code F} or {@code <}. */
  SEX;

  /** Letters OCR reads in place of a filler {@code <} set in OCR-B. */
  static boolean fillerLookAlike(char c) {
    return c == 'K' || c == 'C' || c == 'E' || c == 'S' || c == 'L' || c == 'X' || c == 'Z';
  }

  /** Repairs positions {@code [start, end)} of {@code row}; returns how many it changed. */
  int repair(char[] row, int start, int end) {
    if (this == NAME) {
      return repairName(row, start, end);
    }
    int changed = 0;
    for (int i = start; i < end; i++) {
      char before = row[i];
      row[i] =
          switch (this) {
            case NUMERIC -> LookAlikes.asDigit(before);
            case ALPHA -> LookAlikes.asLetter(before);
            case NAME, ALPHANUMERIC -> before;
            case SEX ->
                before == 'H' || before == 'N'
                    ? 'M'
                    : before == 'E' || before == 'P' ? 'F' : before;
          };
      if (row[i] != before) {
        changed++;
      }
    }
    return changed;
  }

  /**
   * Names hold no run of three fillers: after the given names (the first {@code <<} past the
   * separator) everything is filler, and a trailing one-letter word that is a filler look-alike is
   * a misread filler too.
   */
  private static int repairName(char[] row, int start, int end) {
    int changed = 0;
    for (int i = start; i < end; i++) {
      char c = LookAlikes.asLetter(row[i]);
      if (c != row[i]) {
        row[i] = c;
        changed++;
      }
    }
    String field = new String(row, start, end - start);
    int separator = field.indexOf("<<");
    // "SMITH<K<JOHN": a filler of the separator read as a look-alike letter; a one-letter word
    // K, C or E inside a surname is rarer than that misreading.
    for (int i = 1; i + 2 < (separator < 0 ? field.length() : separator); i++) {
      if (field.charAt(i) == '<'
          && fillerLookAlike(field.charAt(i + 1))
          && field.charAt(i + 2) == '<') {
        row[start + i + 1] = '<';
        changed++;
        field = new String(row, start, end - start);
        separator = i;
        break;
      }
    }
    if (separator < 0) {
      return changed;
    }
    int givenStart = separator + 2;
    int givenEnd = field.indexOf("<<", givenStart);
    while (givenEnd == givenStart) {
      // no given names, or a filler read twice: look for the end of the next word
      givenEnd = field.indexOf("<<", givenStart + 1);
      givenStart++;
    }
    if (givenEnd < 0) {
      return changed;
    }
    // a one-letter last word that is a filler look-alike ("LUKASZ<C<<<")
    int lastWord = field.lastIndexOf('<', givenEnd - 1) + 1;
    if (givenEnd - lastWord == 1
        && lastWord > givenStart
        && fillerLookAlike(field.charAt(lastWord))) {
      givenEnd = lastWord - 1;
    }
    for (int i = start + givenEnd; i < end; i++) {
      if (row[i] != '<') {
        row[i] = '<';
        changed++;
      }
    }
    return changed;
  }

  /**
   * Empties an alphanumeric field made only of fillers and filler look-alikes (blur turns a run of
   * fillers into {@code KKKK} or {@code CCEC}, however few it read right); returns how many
   * characters it changed. Only a candidate: {@code MrzReader} keeps it when the field's check then
   * verifies and it did not as read, since a real value of look-alike letters ({@code CCCCEC})
   * verifies as read and must stay.
   */
  static int blankFillerLike(char[] row, int start, int end) {
    if (end - start < 2) {
      return 0; // a lone check character: Check.settleEmptyFiller decides it
    }
    int fillers = 0;
    for (int i = start; i < end; i++) {
      char c = row[i];
      if (c == '<') {
        fillers++;
      } else if (!fillerLookAlike(c)) {
        return 0;
      }
    }
    for (int i = start; i < end; i++) {
      row[i] = '<';
    }
    return end - start - fillers;
  }
}
