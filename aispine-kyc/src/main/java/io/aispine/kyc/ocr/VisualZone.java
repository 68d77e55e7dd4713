package io.aispine.kyc.ocr;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The human-readable fields of a document, found by their printed labels ({@code Surname}, {@code
 * Date of birth} …): the fallback for documents whose machine-readable zone cannot be read.
 */
final class VisualZone {

  /** Fields a visual zone must show for the document to count as read. */
  static final List<String> REQUIRED =
      List.of("surname", "document_number", "birth_date", "expiry_date");

  private static final Map<String, Pattern> LABELS = new LinkedHashMap<>();

  static {
    LABELS.put("surname", label("(?:SURNAME|NOM)"));
    LABELS.put("given_names", label("(?:GIVEN NAMES?|PRENOMS?)"));
    LABELS.put("document_number", label("(?:DOCUMENT|PASSPORT|CARD) N[O0]\\.?"));
    LABELS.put("nationality", label("NATIONALITY"));
    LABELS.put("birth_date", label("DATE OF BIRTH"));
    LABELS.put("sex", label("SEX"));
    LABELS.put("expiry_date", label("DATE OF EXPIRY"));
  }

  private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  private static final DateTimeFormatter SPELLED =
      new java.time.format.DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("dd MMM yyyy")
          .toFormatter(Locale.ENGLISH);

  private VisualZone() {}

  private static Pattern label(String label) {
    return Pattern.compile("\\b" + label + "\\s*[:;.]?\\s*(.+)$");
  }

  /** The labelled fields found in {@code lines}; dates as ISO strings, names upper case. */
  static Map<String, String> read(List<String> lines) {
    var fields = new LinkedHashMap<String, String>();
    for (String raw : lines) {
      String line = raw.toUpperCase(Locale.ROOT).strip();
      for (var label : LABELS.entrySet()) {
        Matcher m = label.getValue().matcher(line);
        if (fields.containsKey(label.getKey()) || !m.find()) {
          continue;
        }
        String value = normalise(label.getKey(), m.group(1).strip());
        if (value != null) {
          fields.put(label.getKey(), value);
        }
      }
    }
    return fields;
  }

  private static String normalise(String field, String value) {
    return switch (field) {
      case "birth_date", "expiry_date" -> date(value);
      case "nationality" -> value.matches("[A-Z]{3}\\b.*") ? value.substring(0, 3) : null;
      case "sex" -> value.matches("[MFX]\\b.*") ? value.substring(0, 1) : null;
      case "document_number" -> value.matches("[A-Z0-9]{5,}\\b.*") ? value.split("\\s")[0] : null;
      default -> value.matches("[A-Z][A-Z '\\-]*") ? value.replaceAll(" +", " ") : null;
    };
  }

  private static String date(String value) {
    String cleaned = value.replaceAll("[^0-9A-Z. ]", "").strip();
    for (DateTimeFormatter format : List.of(DOTTED, SPELLED)) {
      try {
        return LocalDate.parse(
                cleaned.length() > 11 ? cleaned.substring(0, 11).strip() : cleaned, format)
            .toString();
      } catch (DateTimeParseException e) {
        // try the next printed form
      }
    }
    return null;
  }
}
