package io.aispine.server.internal.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Locale;
import java.util.Map;

/**
 * Why the MCP server refuses a request, as a JSON-RPC error whose message names the problem and the
 * fix and whose {@code data.reason} names the kind, so that a client can tell a draft from a typo
 * without parsing text.
 */
enum McpRefusal {
  /** The arguments are malformed (an id that is not {@code flow@version}, a missing argument). */
  INVALID(McpSchema.ErrorCodes.INVALID_PARAMS),
  /** Nothing by that id in the caller's workspace (another workspace's reads the same). */
  NOT_FOUND(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND),
  /** The flow version is a draft: MCP reaches approved versions only. */
  DRAFT(McpSchema.ErrorCodes.INVALID_PARAMS),
  /** The flow version was rejected: it never runs again. */
  REJECTED(McpSchema.ErrorCodes.INVALID_PARAMS),
  /** The caller's role does not include what the request needs. */
  FORBIDDEN(McpSchema.ErrorCodes.INVALID_REQUEST),
  /** The server refused to start a run (panic mode, a quota, invalid inputs). */
  RUN_REFUSED(McpSchema.ErrorCodes.INVALID_REQUEST);

  private final int code;

  McpRefusal(int code) {
    this.code = code;
  }

  /** The error to throw from a handler, with {@code message} as its text. */
  McpError error(String message) {
    return McpError.builder(code)
        .message(message)
        .data(Map.of("reason", name().toLowerCase(Locale.ROOT)))
        .build();
  }

  static McpError invalid(String message) {
    return INVALID.error(message);
  }

  static McpError notFound(String message) {
    return NOT_FOUND.error(message);
  }
}
