package io.aispine.kyc.names;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The forms a person's name takes on paper: written with accents on a booking ({@code José
 * Müller}), transliterated in a machine-readable zone ({@code MUELLER<<JOSE}, ICAO 9303 part 3) or
 * with the accents simply dropped ({@code MULLER}).
 */
public final class NameForms {

  private NameForms() {}

  /**
   * The spellings of {@code name} in the MRZ alphabet, upper case with single spaces: the ICAO
   * transliteration ({@code Ü → UE}, {@code Ø → OE}, {@code ß → SS}) and the accents-dropped one.
   */
  public static Set<String> spellings(String name) {
    var forms = new LinkedHashSet<String>();
    forms.add(toMrz(name, true));
    forms.add(toMrz(name, false));
    return forms;
  }

  /** The words of {@code name} in its ICAO transliteration. */
  public static List<String> words(String name) {
    return split(toMrz(name, true));
  }

  /** Splits upper-case text on spaces. */
  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    for (String word : text.trim().split(" +")) {
      if (!word.isEmpty()) {
        out.add(word);
      }
    }
    return out;
  }

  /**
   * {@code name} in the MRZ alphabet: upper case A–Z and single spaces; apostrophes dropped,
   * hyphens and commas become spaces; {@code icao} picks digraphs ({@code UE}) over plain letters
   * ({@code U}) for umlauts and the Nordic letters.
   */
  public static String toMrz(String name, boolean icao) {
    var out = new StringBuilder();
    for (char c : name.toUpperCase(Locale.ROOT).toCharArray()) {
      String mapped =
          switch (c) {
            case 'Ä' -> icao ? "AE" : "A";
            case 'Ö' -> icao ? "OE" : "O";
            case 'Ü' -> icao ? "UE" : "U";
            case 'Å' -> icao ? "AA" : "A";
            case 'Ø' -> icao ? "OE" : "O";
            case 'Æ' -> "AE";
            case 'Œ' -> "OE";
            case 'ß' -> "SS";
            case 'Þ' -> "TH";
            case 'Ð', 'Đ' -> "D";
            case 'Ł' -> "L";
            case 'Ħ' -> "H";
            case 'İ', 'I' -> "I";
            case '\'', '’', '.' -> "";
            case '-', ',', '<', '\t' -> " ";
            default -> stripAccent(c);
          };
      out.append(mapped);
    }
    return out.toString().replaceAll("[^A-Z ]", "").trim().replaceAll(" +", " ");
  }

  private static String stripAccent(char c) {
    String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}", "");
  }
}
