package io.aispine.mcp;

/** A server that may not be added: not on the allowlist, or a URL the outbound policy refuses. */
public final class McpRefusedException extends Exception {

  /** Refused for {@code reason}, which names the fix. */
  public McpRefusedException(String reason) {
    super(reason);
  }
}
