package io.aispine.sdk;

import java.net.URI;

/** The server could not be reached, or stopped answering (refused, timed out, reset). */
public final class AispineConnectionException extends AispineException {

  private final URI server;

  /** A failure to talk to {@code server}; the message names the server and the cause. */
  public AispineConnectionException(URI server, String message, Throwable cause) {
    super(message, cause);
    this.server = server;
  }

  /** The base URL of the server that could not be reached. */
  public URI server() {
    return server;
  }
}
