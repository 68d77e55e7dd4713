package io.aispine.agents.outbound;

import java.io.IOException;

/**
 * A request the outbound policy refused before any byte was sent: its scheme is not HTTP(S), or a
 * resolved address of its host is not one this server may reach. It is an {@link IOException} so
 * that it travels through HTTP clients like any failed connection, but retrying cannot help.
 */
public final class OutboundDeniedException extends IOException {

  /** The error code of a denied request, as nodes and problem documents show it. */
  public static final String CODE = "OUTBOUND_DENIED";

  private final String target;

  /**
   * @param target the host and port (or URL) that was refused, for messages
   * @param message what was refused, why, and what would allow it
   */
  public OutboundDeniedException(String target, String message) {
    super(message);
    this.target = target;
  }

  /** The refused host and port (or URL). */
  public String target() {
    return target;
  }
}
