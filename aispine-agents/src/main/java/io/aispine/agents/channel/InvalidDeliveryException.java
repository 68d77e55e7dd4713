package io.aispine.agents.channel;

/** A webhook delivery that is not authentic or not readable; nothing of it may be processed. */
public final class InvalidDeliveryException extends Exception {

  /** Why the delivery is refused. */
  public enum Reason {
    /** No signature, or one that the app secret does not produce: answer 401. */
    UNAUTHENTIC,
    /** Signed, but not a delivery this channel understands: answer 400. */
    MALFORMED
  }

  private final Reason reason;

  public InvalidDeliveryException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Why the delivery is refused. */
  public Reason reason() {
    return reason;
  }
}
