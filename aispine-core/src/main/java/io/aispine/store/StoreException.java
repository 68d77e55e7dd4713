package io.aispine.store;

/**
 * A store operation failed. Subclasses name the domain reason; the base class is unexpected I/O.
 */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
