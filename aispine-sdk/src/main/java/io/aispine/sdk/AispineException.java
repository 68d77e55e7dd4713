package io.aispine.sdk;

/** Any failure of an {@link AispineClient} call. */
public abstract sealed class AispineException extends RuntimeException
    permits AispineApiException, AispineConnectionException {

  AispineException(String message, Throwable cause) {
    super(message, cause);
  }
}
