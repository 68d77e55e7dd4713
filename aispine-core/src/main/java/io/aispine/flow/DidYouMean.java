package io.aispine.flow;

import java.util.Collection;
import java.util.Locale;

/** Suggests the name a user probably meant when they misspelt one (edit distance or prefix). */
public final class DidYouMean {

  private static final int MAX_DISTANCE = 2;

  private DidYouMean() {}

  /** The closest candidate, or null when none is close enough to be a plausible typo. */
  public static String closest(String typed, Collection<String> candidates) {
    if (typed == null || typed.isEmpty()) {
      return null;
    }
    String lower = typed.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (candidate.equals(typed)) {
        continue;
      }
      String other = candidate.toLowerCase(Locale.ROOT);
      int distance = distance(lower, other);
      // A prefix either way ("approv" for "approval") is a likely slip even when longer than 2.
      boolean prefix =
          Math.min(lower.length(), other.length()) >= 3
              && (other.startsWith(lower) || lower.startsWith(other));
      if ((distance <= MAX_DISTANCE && distance < lower.length()) || prefix) {
        int rank = prefix ? Math.min(distance, MAX_DISTANCE) : distance;
        if (rank < bestDistance) {
          best = candidate;
          bestDistance = rank;
        }
      }
    }
    return best;
  }

  /** {@code " (did you mean 'needs'?)"}, or the empty string when nothing is close. */
  public static String hint(String typed, Collection<String> candidates) {
    String match = closest(typed, candidates);
    return match == null ? "" : " (did you mean '" + match + "'?)";
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
