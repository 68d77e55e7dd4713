package io.aispine.server.internal.mcp;

import io.aispine.api.Problem;
import io.aispine.server.internal.auth.BearerAuth;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.auth.Role;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.workspaces.WorkspaceQuotas;
import io.aispine.store.ApiKey;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * The door of {@code /mcp}, with the same checks as {@code /api/v1}: a live API key ({@link
 * BearerAuth}), its workspace's API call rate, and 503 while the server shuts down. What a key may
 * do once in is checked per MCP request by {@link McpCallers#requiring}. Refusals are RFC 9457
 * problems, as on the API.
 */
final class McpAuthFilter extends HttpFilter {

  private final BearerAuth auth;
  private final WorkspaceQuotas quotas;
  private final BooleanSupplier closing;

  McpAuthFilter(BearerAuth auth, WorkspaceQuotas quotas, BooleanSupplier closing) {
    this.auth = auth;
    this.quotas = quotas;
    this.closing = closing;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (closing.getAsBoolean()) {
      refuse(response, Problem.unavailable("the server is shutting down"));
      return;
    }
    ApiKey key;
    try {
      key = auth.authenticate(request.getHeader("Authorization"));
    } catch (ProblemException e) {
      response.setHeader("WWW-Authenticate", BearerAuth.CHALLENGE);
      refuse(response, e.problem());
      return;
    }
    var call = quotas.takeCall(key.workspace(), key.id());
    if (call.exceeded() != null) {
      var now = quotas.clock().instant();
      call.exceeded().headers(now).forEach(response::setHeader);
      refuse(response, call.exceeded().problem(now));
      return;
    }
    request.setAttribute(McpCallers.ATTRIBUTE, new Caller(key, Role.of(key.role())));
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletResponse response, Problem problem) throws IOException {
    response.setStatus(problem.status());
    response.setContentType(Problem.MEDIA_TYPE);
    response.getOutputStream().write(Json.bytes(problem));
  }
}
