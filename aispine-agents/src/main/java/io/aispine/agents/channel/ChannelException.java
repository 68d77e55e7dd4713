package io.aispine.agents.channel;

/**
 * The channel refused or failed a call. {@link #retryable()} says whether the same call may succeed
 * later (the channel was unreachable, overloaded or rate-limited) or never will (bad recipient,
 * unknown media, wrong token).
 */
public final class ChannelException extends Exception {

  private final String code;
  private final boolean retryable;

  public ChannelException(String code, String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.retryable = retryable;
  }

  /** A short machine-readable code ({@code WHATSAPP_HTTP_400}, {@code WHATSAPP_UNREACHABLE}). */
  public String code() {
    return code;
  }

  /** Whether trying the same call again may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
