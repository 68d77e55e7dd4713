package io.aispine.mcp;

import java.time.Instant;

/** An MCP server could not be reached, or broke the exchange: a later attempt may work. */
public final class McpUnavailableException extends Exception {

  private final String server;
  private final transient Instant retryAt;

  /**
   * {@code server} failed for {@code reason}; no new connection is tried before {@code retryAt}.
   */
  public McpUnavailableException(String server, String reason, Instant retryAt, Throwable cause) {
    super("MCP server '" + server + "': " + reason, cause);
    this.server = server;
    this.retryAt = retryAt;
  }

  /** The server's name. */
  public String server() {
    return server;
  }

  /** When a new connection may be tried, or null for now. */
  public Instant retryAt() {
    return retryAt;
  }
}
