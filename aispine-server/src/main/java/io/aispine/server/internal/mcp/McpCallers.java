package io.aispine.server.internal.mcp;

import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.auth.Role;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * Carries the {@link Caller} that {@link McpAuthFilter} authenticated from the HTTP request into
 * the MCP handlers, and checks its role there: each MCP request acts as the key that sent it.
 */
final class McpCallers {

  /** The servlet request attribute and transport context key holding the caller. */
  static final String ATTRIBUTE = "aispine.mcp.caller";

  private McpCallers() {}

  /** The transport context of one HTTP request: its caller. */
  static McpTransportContext extract(HttpServletRequest request) {
    Object caller = request.getAttribute(ATTRIBUTE);
    return caller == null
        ? McpTransportContext.EMPTY
        : McpTransportContext.create(Map.of(ATTRIBUTE, caller));
  }

  /** The caller of the request an MCP handler serves. */
  static Caller of(McpSyncServerExchange exchange) {
    if (exchange.transportContext().get(ATTRIBUTE) instanceof Caller caller) {
      return caller;
    }
    // The filter refuses unauthenticated requests before the SDK sees them: this is a wiring bug.
    throw new IllegalStateException("no caller on an MCP request: McpAuthFilter runs first");
  }

  /** The caller, if its role includes {@code least}; else a refusal naming both roles. */
  static Caller requiring(McpSyncServerExchange exchange, Role least, String what) {
    Caller caller = of(exchange);
    if (!caller.role().includes(least)) {
      throw McpRefusal.FORBIDDEN.error(
          what
              + " needs a key with role "
              + least.wireName()
              + " or above; API key '"
              + caller.key().name()
              + "' ("
              + caller.key().id()
              + ") is "
              + caller.role().wireName());
    }
    return caller;
  }
}
