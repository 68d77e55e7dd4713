package io.aispine.kyc.mrz;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Composes the lines of a machine-readable zone, check digits included (the generator's half). */
public final class MrzWriter {

  private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

  private MrzWriter() {}

  /**
   * The MRZ lines of {@code data}, whose names must already be in the MRZ alphabet (A–Z and spaces:
   * transliterate first).
   */
  public static String[] lines(MrzData data) {
    return switch (data.format()) {
      case TD3 -> td3(data);
      case TD1 -> td1(data);
    };
  }

  private static String[] td3(MrzData d) {
    String line1 = pad(d.documentCode(), 2) + pad(d.issuingState(), 3) + names(d, 39);
    String number = pad(d.documentNumber(), 9);
    String birth = date(d.birthDate());
    String expiry = date(d.expiryDate());
    String personal = pad(d.optionalData(), 14);
    char personalCheck = d.optionalData().isEmpty() ? '<' : CheckDigits.of(personal);
    String body =
        number
            + CheckDigits.of(number)
            + pad(d.nationality(), 3)
            + birth
            + CheckDigits.of(birth)
            + pad(d.sex(), 1)
            + expiry
            + CheckDigits.of(expiry)
            + personal
            + personalCheck;
    String composite = body.substring(0, 10) + body.substring(13, 20) + body.substring(21, 43);
    return new String[] {line1, body + CheckDigits.of(composite)};
  }

  private static String[] td1(MrzData d) {
    String number = pad(d.documentNumber(), 9);
    String line1 =
        pad(d.documentCode(), 2)
            + pad(d.issuingState(), 3)
            + number
            + CheckDigits.of(number)
            + pad(d.optionalData(), 15);
    String birth = date(d.birthDate());
    String expiry = date(d.expiryDate());
    String line2 =
        birth
            + CheckDigits.of(birth)
            + pad(d.sex(), 1)
            + expiry
            + CheckDigits.of(expiry)
            + pad(d.nationality(), 3)
            + pad("", 11);
    String composite =
        line1.substring(5, 30)
            + line2.substring(0, 7)
            + line2.substring(8, 15)
            + line2.substring(18, 29);
    return new String[] {line1, line2 + CheckDigits.of(composite), names(d, 30)};
  }

  private static String names(MrzData d, int width) {
    String given = d.givenNames().isBlank() ? "" : d.givenNames().trim().replace(' ', '<');
    return pad(d.surname().trim().replace(' ', '<') + "<<" + given, width);
  }

  private static String date(LocalDate date) {
    return date.format(YYMMDD);
  }

  /** {@code text} with spaces as fillers, cut or padded with {@code <} to {@code width}. */
  static String pad(String text, int width) {
    String mrz = text == null ? "" : text.replace(' ', '<');
    if (mrz.length() >= width) {
      return mrz.substring(0, width);
    }
    return mrz + "<".repeat(width - mrz.length());
  }
}
