package io.aispine.kyc.mrz;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Fields as the visual zone prints them, which may stand in for a field of the machine-readable
 * zone that OCR misread: only when the zone's own check digit (and, for the zone as a whole, the
 * composite digit as printed) then verifies. Any of them may be null.
 *
 * @param documentNumber the document number, without fillers
 * @param birthDate the date of birth
 * @param expiryDate the date of expiry
 */
public record PrintedFields(String documentNumber, LocalDate birthDate, LocalDate expiryDate) {

  /** Nothing printed is known. */
  public static final PrintedFields NONE = new PrintedFields(null, null, null);

  private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

  /** The printed value of the field {@code check} covers, as the zone encodes it, or null. */
  String encoded(String check, int width) {
    String value =
        switch (check) {
          case "document_number" -> documentNumber;
          case "birth_date" -> birthDate == null ? null : birthDate.format(YYMMDD);
          case "expiry_date" -> expiryDate == null ? null : expiryDate.format(YYMMDD);
          default -> null;
        };
    if (value == null || value.length() > width || !value.matches("[A-Z0-9]+")) {
      return null;
    }
    return value + "<".repeat(width - value.length());
  }
}
