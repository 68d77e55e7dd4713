package io.aispine.kyc.mrz;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and reads a TD3 or TD1 machine-readable zone in OCR text, repairing what OCR typically gets
 * wrong: lost or extra fillers, and look-alike characters (O/0, I/1, B/8 …) chosen by the type of
 * the field they stand in, with ambiguous alphanumeric fields settled by their check digit.
 */
public final class MrzReader {

  private final LocalDate today;

  /** A reader deciding the century of two-digit years relative to {@code today}. */
  public MrzReader(LocalDate today) {
    this.today = today;
  }

  /**
   * The best machine-readable zone among {@code ocrLines}: the first window of consecutive lines
   * (from the bottom) whose check digits all verify, else the one with most verified checks.
   */
  public Optional<MrzReading> read(List<String> ocrLines) {
    return read(ocrLines, PrintedFields.NONE);
  }

  /**
   * Like {@link #read(List)}, with the visual zone's {@code printed} fields standing in for zone
   * fields whose check digit fails (see {@link PrintedFields}).
   */
  public Optional<MrzReading> read(List<String> ocrLines, PrintedFields printed) {
    List<String> candidates = new ArrayList<>();
    for (String line : ocrLines) {
      String cleaned = clean(line);
      if (looksLikeMrz(cleaned)) {
        candidates.add(cleaned);
      }
    }
    MrzReading best = null;
    for (int end = candidates.size(); end > 0; end--) {
      for (MrzFormat format : MrzFormat.values()) {
        int start = end - format.lines();
        if (start < 0 || !widthsFit(candidates.subList(start, end), format)) {
          continue;
        }
        MrzReading reading = read(candidates.subList(start, end), format, printed);
        if (reading.valid()) {
          return Optional.of(reading);
        }
        if (best == null || reading.passedChecks() > best.passedChecks()) {
          best = reading;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** Reads {@code lines} as a zone of {@code format}, repairing them first. */
  public MrzReading read(List<String> lines, MrzFormat format) {
    return read(lines, format, PrintedFields.NONE);
  }

  /**
   * Reads {@code lines} as a zone of {@code format}, repairing them with {@code printed}'s help.
   */
  public MrzReading read(List<String> lines, MrzFormat format, PrintedFields printed) {
    char[][] rows = new char[format.lines()][];
    int corrections = 0;
    for (int i = 0; i < rows.length; i++) {
      String fitted = fitWidth(clean(lines.get(i)), format.width());
      rows[i] = fitted.toCharArray();
    }
    if (format == MrzFormat.TD1 && (rows[0][0] == 'L' || rows[0][0] == '1')) {
      rows[0][0] = 'I'; // identity cards' codes start with I, A or C; OCR-B's I reads as L
      corrections++;
    }
    for (Field field : MrzLayout.fields(format)) {
      corrections += field.type().repair(rows[field.line()], field.start(), field.end());
    }
    var checks = new LinkedHashMap<String, Boolean>();
    boolean tookPrinted = false;
    for (Check check : MrzLayout.checks(format)) {
      corrections += blankFillerLike(rows, check);
      corrections += check.settleEmptyFiller(rows);
      // The printed value first: where look-alikes allow two readings that both verify (JN42S…
      // as JN425… or JN4ZS…), the one the visual zone shows is the document's.
      int taken = takePrinted(rows, check, printed);
      tookPrinted |= taken > 0;
      corrections += taken;
      if (!(tookPrinted && check.name().equals("composite"))) {
        // once a field was taken from print, the composite must verify as read: settling its
        // look-alikes could make up for a printed value that is wrong
        corrections += settleAmbiguities(rows, check);
      }
      char digit = rows[check.line()][check.position()];
      if (check.name().equals("composite")
          && !tookPrinted
          && !(digit >= '0' && digit <= '9')
          && !checks.isEmpty()
          && !checks.containsValue(false)) {
        // The composite digit itself is unreadable, but each field it covers verified on its own
        // check digit: the composite would add nothing, so it is recomputed.
        rows[check.line()][check.position()] = CheckDigits.of(check.text(rows));
        corrections++;
      }
      checks.put(check.name(), check.verifies(rows));
    }
    List<String> repaired = Arrays.stream(rows).map(String::new).toList();
    MrzData data = decode(format, repaired, checks);
    return new MrzReading(format, repaired, checks, corrections, data);
  }

  /** Upper case, no spaces, and the usual stand-ins for the filler {@code <} mapped to it. */
  static String clean(String line) {
    var out = new StringBuilder(line.length());
    for (char c : line.toUpperCase().toCharArray()) {
      switch (c) {
        case '«' -> out.append("<<");
        case '‹', '(', '[', '{', '‘', '\'', '"', '“' -> out.append('<');
        default -> {
          if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<') {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static boolean looksLikeMrz(String line) {
    return line.length() >= 24 && line.chars().filter(c -> c == '<').count() >= 1;
  }

  private static boolean widthsFit(List<String> lines, MrzFormat format) {
    return lines.stream().allMatch(l -> Math.abs(l.length() - format.width()) <= 4);
  }

  /**
   * {@code line} brought to {@code width} by adding or removing fillers in its longest run of
   * fillers, where OCR most often loses or invents them.
   */
  static String fitWidth(String line, int width) {
    var text = new StringBuilder(line);
    while (text.length() != width) {
      int[] run = longestFillerRun(text);
      if (text.length() < width) {
        text.insert(run[0] < 0 ? text.length() : run[0] + run[1], '<');
      } else if (run[0] >= 0) {
        text.deleteCharAt(run[0]);
      } else {
        text.setLength(width);
      }
    }
    return text.toString();
  }

  private static int[] longestFillerRun(CharSequence text) {
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < text.length(); ) {
      if (text.charAt(i) != '<') {
        i++;
        continue;
      }
      int j = i;
      while (j < text.length() && text.charAt(j) == '<') {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    return new int[] {bestStart, bestLength};
  }

  /**
   * When {@code check} fails as read, tries the alphanumeric fields it covers that hold nothing but
   * fillers and their look-alikes as empty (an empty personal number blurred into {@code CCCEEC}),
   * and keeps that only when the check then verifies; otherwise the rows are left as they were.
   */
  private static int blankFillerLike(char[][] rows, Check check) {
    if (check.verifies(rows)) {
      return 0;
    }
    char[][] before = Arrays.stream(rows).map(char[]::clone).toArray(char[][]::new);
    int changed = 0;
    for (Field field : check.covered()) {
      if (field.type() == FieldType.ALPHANUMERIC) {
        changed += FieldType.blankFillerLike(rows[field.line()], field.start(), field.end());
      }
    }
    if (changed == 0) {
      return 0;
    }
    changed += check.settleEmptyFiller(rows);
    if (check.verifies(rows)) {
      return changed;
    }
    for (int i = 0; i < rows.length; i++) {
      rows[i] = before[i];
    }
    return 0;
  }

  /**
   * When {@code check} fails, tries the look-alike alternatives of the alphanumeric characters it
   * covers (fewest changes first) and keeps the first that verifies.
   */
  private static int settleAmbiguities(char[][] rows, Check check) {
    if (check.verifies(rows)) {
      return 0;
    }
    List<int[]> ambiguous = new ArrayList<>();
    for (Field field : check.covered()) {
      if (field.type() != FieldType.ALPHANUMERIC) {
        continue;
      }
      for (int i = field.start(); i < field.end(); i++) {
        if (LookAlikes.alternative(rows[field.line()][i]) != 0) {
          ambiguous.add(new int[] {field.line(), i});
        }
      }
    }
    if (ambiguous.isEmpty() || ambiguous.size() > 10) {
      return 0;
    }
    int n = ambiguous.size();
    for (int changes = 1; changes <= Math.min(n, 3); changes++) {
      for (int mask = 1; mask < (1 << n); mask++) {
        if (Integer.bitCount(mask) != changes) {
          continue;
        }
        flip(rows, ambiguous, mask);
        if (check.verifies(rows)) {
          return changes;
        }
        flip(rows, ambiguous, mask);
      }
    }
    return 0;
  }

  /**
   * When {@code check} still fails and covers one field the visual zone printed, writes the printed
   * value in and keeps it if the check digit then verifies. A field taken this way leaves the
   * composite digit as read to confirm it (it is never recomputed then): a one-in-ten collision of
   * the field's own digit is not enough.
   */
  private static int takePrinted(char[][] rows, Check check, PrintedFields printed) {
    if (check.verifies(rows) || check.covered().size() != 1) {
      return 0;
    }
    Field field = check.covered().getFirst();
    String value = printed.encoded(check.name(), field.end() - field.start());
    if (value == null) {
      return 0;
    }
    char[] row = rows[field.line()];
    char[] before = Arrays.copyOfRange(row, field.start(), field.end());
    value.getChars(0, value.length(), row, field.start());
    if (!check.verifies(rows)) {
      System.arraycopy(before, 0, row, field.start(), before.length);
      return 0;
    }
    int changed = 0;
    for (int i = 0; i < before.length; i++) {
      changed += before[i] == row[field.start() + i] ? 0 : 1;
    }
    return changed;
  }

  private static void flip(char[][] rows, List<int[]> positions, int mask) {
    for (int b = 0; b < positions.size(); b++) {
      if ((mask & (1 << b)) != 0) {
        int[] p = positions.get(b);
        rows[p[0]][p[1]] = LookAlikes.alternative(rows[p[0]][p[1]]);
      }
    }
  }

  private MrzData decode(MrzFormat format, List<String> lines, Map<String, Boolean> checks) {
    try {
      return switch (format) {
        case TD3 -> {
          String l1 = lines.get(0);
          String l2 = lines.get(1);
          String[] names = splitNames(l1.substring(5));
          yield new MrzData(
              format,
              strip(l1.substring(0, 2)),
              strip(l1.substring(2, 5)),
              names[0],
              names[1],
              strip(l2.substring(0, 9)),
              strip(l2.substring(10, 13)),
              birthDate(l2.substring(13, 19)),
              sex(l2.charAt(20)),
              expiryDate(l2.substring(21, 27)),
              strip(l2.substring(28, 42)));
        }
        case TD1 -> {
          String l1 = lines.get(0);
          String l2 = lines.get(1);
          String[] names = splitNames(lines.get(2));
          yield new MrzData(
              format,
              strip(l1.substring(0, 2)),
              strip(l1.substring(2, 5)),
              names[0],
              names[1],
              strip(l1.substring(5, 14)),
              strip(l2.substring(15, 18)),
              birthDate(l2.substring(0, 6)),
              sex(l2.charAt(7)),
              expiryDate(l2.substring(8, 14)),
              strip(l1.substring(15, 30)));
        }
      };
    } catch (DateTimeException | NumberFormatException e) {
      checks.put("dates_decode", false);
      return null;
    }
  }

  /** Surname and given names: the first {@code <<} separates them, single fillers are spaces. */
  static String[] splitNames(String field) {
    String trimmed = field.replaceAll("<+$", "");
    int separator = trimmed.indexOf("<<");
    String surname = separator < 0 ? trimmed : trimmed.substring(0, separator);
    String given = separator < 0 ? "" : trimmed.substring(separator + 2);
    return new String[] {words(surname), words(given)};
  }

  private static String words(String part) {
    return part.replace('<', ' ').trim().replaceAll(" +", " ");
  }

  private static String strip(String field) {
    return field.replace('<', ' ').trim().replace(' ', '<').replaceAll("<+", " ").trim();
  }

  private static String sex(char c) {
    return c == 'M' || c == 'F' ? String.valueOf(c) : "X";
  }

  private LocalDate birthDate(String yymmdd) {
    int yy = Integer.parseInt(yymmdd.substring(0, 2));
    int year = 2000 + yy <= today.getYear() ? 2000 + yy : 1900 + yy;
    return date(year, yymmdd);
  }

  private LocalDate expiryDate(String yymmdd) {
    int yy = Integer.parseInt(yymmdd.substring(0, 2));
    int year = 2000 + yy <= today.getYear() + 50 ? 2000 + yy : 1900 + yy;
    return date(year, yymmdd);
  }

  private static LocalDate date(int year, String yymmdd) {
    return LocalDate.of(
        year, Integer.parseInt(yymmdd.substring(2, 4)), Integer.parseInt(yymmdd.substring(4, 6)));
  }
}
