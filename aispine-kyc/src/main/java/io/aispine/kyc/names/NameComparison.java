package io.aispine.kyc.names;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a booked name fits a document's surname and given names, in any word order, with middle
 * names that the booking leaves out, accents or transliterations, and names cut short by the width
 * of a machine-readable zone.
 *
 * @param score 1 when every booked word and every surname word is found exactly; lower for
 *     near-misses (one letter off counts half) and missing words
 * @param surnameFound whether every word of the document's surname is in the booked name
 * @param detail what matched or not, for a person to read
 */
public record NameComparison(double score, boolean surnameFound, String detail) {

  /** Compares the booked {@code bookedName} with the document's names. */
  public static NameComparison compare(String bookedName, String surname, String givenNames) {
    NameComparison best = null;
    for (String spelling : NameForms.spellings(bookedName)) {
      NameComparison one = compareSpelling(NameForms.split(spelling), surname, givenNames);
      if (best == null || one.score > best.score) {
        best = one;
      }
    }
    return best;
  }

  private static NameComparison compareSpelling(
      List<String> booked, String surname, String givenNames) {
    List<String> surnameWords = NameForms.words(surname);
    List<String> documentWords = new ArrayList<>(surnameWords);
    documentWords.addAll(NameForms.words(givenNames));
    if (booked.isEmpty() || documentWords.isEmpty()) {
      return new NameComparison(0, false, "no name to compare");
    }
    List<String> unused = new ArrayList<>(documentWords);
    double found = 0;
    List<String> near = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String word : booked) {
      int exact = indexOf(unused, word, 0);
      if (exact >= 0) {
        unused.remove(exact);
        found += 1;
        continue;
      }
      int variant = indexOfVariant(unused, word);
      if (variant >= 0) {
        near.add(word + "=" + unused.remove(variant));
        found += 1;
        continue;
      }
      int close = indexOf(unused, word, 1);
      if (close >= 0) {
        near.add(word + "~" + unused.remove(close));
        found += 0.5;
      } else {
        missing.add(word);
      }
    }
    boolean surnameFound = surnameWords.stream().noneMatch(unused::contains);
    double score = found / booked.size();
    if (!surnameFound) {
      score = Math.min(score, 0.5);
    }
    String detail =
        missing.isEmpty() && near.isEmpty()
            ? (unused.isEmpty() ? "same names" : "same names; not on the booking: " + unused)
            : missing.isEmpty()
                ? "same names up to spelling: " + near
                : "not on the document: " + missing + (near.isEmpty() ? "" : "; variants: " + near);
    return new NameComparison(score, surnameFound, detail);
  }

  /**
   * The index in {@code words} of one within {@code distance} edits of {@code word} (or a prefix of
   * it, for names the zone cut short), or -1.
   */
  private static int indexOf(List<String> words, String word, int distance) {
    for (int i = 0; i < words.size(); i++) {
      String candidate = words.get(i);
      if (distance == 0 ? candidate.equals(word) : near(candidate, word)) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfVariant(List<String> words, String word) {
    String key = Transliterations.key(word);
    for (int i = 0; i < words.size(); i++) {
      if (Transliterations.key(words.get(i)).equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean near(String a, String b) {
    if (Math.min(a.length(), b.length()) >= 4 && (a.startsWith(b) || b.startsWith(a))) {
      return true;
    }
    return Math.min(a.length(), b.length()) >= 4 && Levenshtein.distance(a, b) <= 1;
  }
}
