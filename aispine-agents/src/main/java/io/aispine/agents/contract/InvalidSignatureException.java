package io.aispine.agents.contract;

/** A request whose signature is missing, stale or does not match; the message names which. */
public final class InvalidSignatureException extends Exception {

  /** Why the request was refused. */
  public enum Reason {
    /** A signature header is absent or empty. */
    MISSING,
    /** The timestamp is not unix seconds, or outside the tolerance window. */
    EXPIRED,
    /** No signature matches any of the secrets. */
    MISMATCH
  }

  private final Reason reason;

  InvalidSignatureException(Reason reason, String message) {
    // No stack trace: this is an expected answer to a bad request, not a bug to debug.
    super(message, null, false, false);
    this.reason = reason;
  }

  /** Why the request was refused. */
  public Reason reason() {
    return reason;
  }
}
