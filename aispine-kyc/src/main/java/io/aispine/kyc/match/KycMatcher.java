package io.aispine.kyc.match;

import io.aispine.kyc.names.NameComparison;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a document belongs to the booked guest. Pure: the same document and booking
 * always give the same result. Hard failures (another date of birth, an expired document, another
 * name) are a {@code mismatch} whatever the score; near-misses and unverifiable fields are a {@code
 * review}.
 */
public final class KycMatcher {

  private static final double NAME_WEIGHT = 0.5;
  private static final double BIRTH_WEIGHT = 0.3;
  private static final double EXPIRY_WEIGHT = 0.1;
  private static final double NATIONALITY_WEIGHT = 0.1;

  /** Compares {@code document} with {@code booking}. */
  public MatchResult match(Identity document, Booking booking) {
    List<FieldResult> fields = new ArrayList<>();
    fields.add(name(document, booking));
    fields.add(birthDate(document, booking));
    fields.add(expiry(document, booking));
    fields.add(nationality(document, booking));
    fields.add(
        document.verified()
            ? new FieldResult("document", Verdict.MATCH, 1, "MRZ check digits all verified")
            : new FieldResult(
                "document", Verdict.REVIEW, 0.5, "read from the visual zone only: not verified"));
    double[] weights = {NAME_WEIGHT, BIRTH_WEIGHT, EXPIRY_WEIGHT, NATIONALITY_WEIGHT, 0};
    double score = 0;
    Verdict verdict = Verdict.MATCH;
    for (int i = 0; i < fields.size(); i++) {
      score += weights[i] * fields.get(i).score();
      verdict = verdict.worst(fields.get(i).outcome());
    }
    return new MatchResult(score, verdict, fields);
  }

  private static FieldResult name(Identity document, Booking booking) {
    if (booking.guestName() == null || booking.guestName().isBlank()) {
      return new FieldResult("name", Verdict.REVIEW, 0, "the booking has no guest name");
    }
    NameComparison names =
        NameComparison.compare(booking.guestName(), document.surname(), document.givenNames());
    Verdict outcome =
        names.score() >= 1 && names.surnameFound()
            ? Verdict.MATCH
            : names.score() >= 0.75 && names.surnameFound() ? Verdict.REVIEW : Verdict.MISMATCH;
    return new FieldResult("name", outcome, names.score(), names.detail());
  }

  private static FieldResult birthDate(Identity document, Booking booking) {
    if (document.birthDate() == null) {
      return new FieldResult("birth_date", Verdict.REVIEW, 0, "no date of birth on the document");
    }
    if (booking.birthDate() == null) {
      return new FieldResult(
          "birth_date", Verdict.MATCH, 0.5, "the booking has no date of birth to compare");
    }
    return booking.birthDate().equals(document.birthDate())
        ? new FieldResult("birth_date", Verdict.MATCH, 1, "same date of birth")
        : new FieldResult(
            "birth_date",
            Verdict.MISMATCH,
            0,
            "document says " + document.birthDate() + ", booking says " + booking.birthDate());
  }

  private static FieldResult expiry(Identity document, Booking booking) {
    if (document.expiryDate() == null) {
      return new FieldResult("expiry", Verdict.REVIEW, 0, "no expiry date on the document");
    }
    if (booking.checkIn() == null) {
      return new FieldResult("expiry", Verdict.REVIEW, 0.5, "no check-in date to compare with");
    }
    return document.expiryDate().isBefore(booking.checkIn())
        ? new FieldResult(
            "expiry",
            Verdict.MISMATCH,
            0,
            "document expired on "
                + document.expiryDate()
                + ", before check-in "
                + booking.checkIn())
        : new FieldResult(
            "expiry",
            Verdict.MATCH,
            1,
            "valid until " + document.expiryDate() + " (check-in " + booking.checkIn() + ")");
  }

  private static FieldResult nationality(Identity document, Booking booking) {
    if (booking.nationality() == null || booking.nationality().isBlank()) {
      return new FieldResult("nationality", Verdict.MATCH, 0.5, "the booking has no nationality");
    }
    if (document.nationality() == null) {
      return new FieldResult("nationality", Verdict.REVIEW, 0, "no nationality on the document");
    }
    return document.nationality().equalsIgnoreCase(booking.nationality().trim())
        ? new FieldResult("nationality", Verdict.MATCH, 1, "same nationality")
        : new FieldResult(
            "nationality",
            Verdict.REVIEW,
            0,
            "document says " + document.nationality() + ", booking says " + booking.nationality());
  }
}
