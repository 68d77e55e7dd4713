package io.aispine.kyc.synth;

/** The situations the synthetic guests cover, each with the outcome the pipeline must reach. */
public enum GuestKind {
  /** The booked guest's valid document. */
  VALID("match"),
  /** The booked guest's document, expired before check-in. */
  EXPIRED("mismatch"),
  /** A valid document of someone other than the booked guest. */
  NAME_MISMATCH("mismatch"),
  /** The booked name, but another date of birth than the booking's. */
  BIRTH_DATE_MISMATCH("mismatch"),
  /** A document whose zones are washed out by glare and blur. */
  UNREADABLE("unreadable"),
  /** A holiday snapshot, not a document. */
  NOT_A_DOCUMENT("not_a_document");

  private final String expected;

  GuestKind(String expected) {
    this.expected = expected;
  }

  /** {@code match}, {@code mismatch}, {@code unreadable} or {@code not_a_document}. */
  public String expected() {
    return expected;
  }
}
