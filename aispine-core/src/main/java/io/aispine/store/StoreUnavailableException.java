package io.aispine.store;

/**
 * The store could not be reached, was busy, or ran out of a resource (connection, lock, disk): the
 * same operation may succeed later, and nothing about the data in it is to blame.
 */
public class StoreUnavailableException extends StoreException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
