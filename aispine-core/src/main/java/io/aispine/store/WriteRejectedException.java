package io.aispine.store;

/**
 * The store refused a write because of what it holds (a value it cannot serialise or that is too
 * large for it, a constraint): writing the same again will fail again, so the caller must write
 * something else instead.
 */
public class WriteRejectedException extends StoreException {
  public WriteRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
