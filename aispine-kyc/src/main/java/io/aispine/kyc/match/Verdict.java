package io.aispine.kyc.match;

/** What the matcher concludes about a document and a booking. */
public enum Verdict {
  /** Same person, valid document: check the guest in. */
  MATCH,
  /** A person should look: a near-miss or a field that cannot be verified. */
  REVIEW,
  /** Not the booked guest, or a document that may not be accepted (expired). */
  MISMATCH;

  /** The lower-case name flows compare against. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The stricter of the two. */
  Verdict worst(Verdict other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
