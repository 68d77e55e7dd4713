package io.aispine.server.internal.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The least role each API route needs: the one table that the authorization check, the OpenAPI
 * document ({@code x-aispine-role}), the role matrix test and docs/security.md all read. A route
 * missing here is refused to every key (and fails the matrix test).
 */
public final class RouteRoles {

  private static final Map<String, Role> TABLE = new LinkedHashMap<>();

  static {
    // flows: read, deploy
    put("GET /api/v1/flows", Role.VIEWER);
    put("POST /api/v1/flows", Role.OPERATOR);
    put("GET /api/v1/flows/{id}", Role.VIEWER);
    put("GET /api/v1/flows/{id}/versions", Role.VIEWER);
    put("GET /api/v1/flows/{id}/versions/{version}", Role.VIEWER);
    // the gate: reading a diff is reading; approving and rejecting are the workspace admin's
    put("GET /api/v1/flows/{id}/versions/{version}/diff", Role.VIEWER);
    put("POST /api/v1/flows/{id}/versions/{version}/approve", Role.ADMIN);
    put("POST /api/v1/flows/{id}/versions/{version}/reject", Role.ADMIN);
    // executions: read, run
    put("POST /api/v1/flows/{id}/executions", Role.OPERATOR);
    put("GET /api/v1/executions", Role.VIEWER);
    put("GET /api/v1/executions/{id}", Role.VIEWER);
    put("GET /api/v1/executions/{id}/events", Role.VIEWER);
    put("GET /api/v1/executions/{id}/stream", Role.VIEWER);
    put("POST /api/v1/executions/{id}/cancel", Role.OPERATOR);
    put("POST /api/v1/executions/{id}/retry", Role.OPERATOR);
    put("POST /api/v1/executions/{id}/replay", Role.OPERATOR);
    put("GET /api/v1/events/stream", Role.VIEWER);
    // approvals: read, answer
    put("GET /api/v1/approvals", Role.VIEWER);
    put("GET /api/v1/approvals/{id}", Role.VIEWER);
    put("POST /api/v1/approvals/{id}/approve", Role.OPERATOR);
    put("POST /api/v1/approvals/{id}/reject", Role.OPERATOR);
    // agents: read; probing is operational; registering and changing them is the admin's
    put("GET /api/v1/agents", Role.VIEWER);
    put("POST /api/v1/agents", Role.ADMIN);
    put("GET /api/v1/agents/{name}", Role.VIEWER);
    put("GET /api/v1/agents/{name}/versions/{version}", Role.VIEWER);
    put("POST /api/v1/agents/{name}/versions/{version}/deprecate", Role.ADMIN);
    put("POST /api/v1/agents/{name}/versions/{version}/undeprecate", Role.ADMIN);
    put("POST /api/v1/agents/{name}/health-check", Role.OPERATOR);
    put("POST /api/v1/agents/{name}/circuit/reset", Role.ADMIN);
    put("GET /api/v1/agents/{name}/limits", Role.VIEWER);
    put("PUT /api/v1/agents/{name}/limits", Role.ADMIN);
    put("POST /api/v1/agents/{name}/drain", Role.ADMIN);
    put("POST /api/v1/agents/{name}/undrain", Role.ADMIN);
    put("GET /api/v1/agents/{name}/calls", Role.VIEWER);
    // secrets: the workspace's admin; rotating re-encrypts every workspace's, so the owner's
    put("GET /api/v1/secrets", Role.ADMIN);
    put("PUT /api/v1/secrets/{name}", Role.ADMIN);
    put("DELETE /api/v1/secrets/{name}", Role.ADMIN);
    put("POST /api/v1/secrets/rotate", Role.OWNER);
    // panic mode freezes the whole server: everyone may see it, only the owner switches it
    put("GET /api/v1/panic", Role.VIEWER);
    put("PUT /api/v1/panic", Role.OWNER);
    // model providers, costs and budgets of the caller's workspace: everyone reads them (a
    // provider's key is write-only), its admin changes them and calls a provider to test it
    put("GET /api/v1/providers", Role.VIEWER);
    put("GET /api/v1/providers/{name}", Role.VIEWER);
    put("PUT /api/v1/providers/{name}", Role.ADMIN);
    put("DELETE /api/v1/providers/{name}", Role.ADMIN);
    put("POST /api/v1/providers/{name}/test", Role.ADMIN);
    put("POST /api/v1/providers/{name}/default", Role.ADMIN);
    put("GET /api/v1/costs", Role.VIEWER);
    put("GET /api/v1/budgets", Role.VIEWER);
    put("PUT /api/v1/budgets", Role.ADMIN);
    put("DELETE /api/v1/budgets", Role.ADMIN);
    // the audit log: a workspace's admin reads its workspace's entries, the owner everyone's;
    // verifying walks one hash chain through every workspace's entries, so it is the owner's
    put("GET /api/v1/audit", Role.ADMIN);
    put("GET /api/v1/audit/verify", Role.OWNER);
    // triggers of the workspace's approved flows: reading; pausing and resuming is operational
    put("GET /api/v1/triggers", Role.VIEWER);
    put("GET /api/v1/triggers/{name}", Role.VIEWER);
    put("GET /api/v1/triggers/{name}/next", Role.VIEWER);
    put("POST /api/v1/triggers/{name}/pause", Role.OPERATOR);
    put("POST /api/v1/triggers/{name}/resume", Role.OPERATOR);
    // keys of the caller's workspace
    put("GET /api/v1/keys", Role.ADMIN);
    put("POST /api/v1/keys", Role.ADMIN);
    put("DELETE /api/v1/keys/{id}", Role.ADMIN);
    // who the caller's key is (name, role, workspace): every key may ask about itself
    put("GET /api/v1/auth/whoami", Role.VIEWER);
    // the caller's own workspace, and the server's workspaces
    put("GET /api/v1/workspace", Role.VIEWER);
    put("GET /api/v1/workspaces", Role.OWNER);
    put("POST /api/v1/workspaces", Role.OWNER);
    put("GET /api/v1/workspaces/{id}", Role.OWNER);
    put("PUT /api/v1/workspaces/{id}/quota", Role.OWNER);
    // webhooks: a subscription sends the workspace's events elsewhere, so the admin's; testing and
    // redelivering are operational (like retrying an execution); the delivery log is reading
    put("GET /api/v1/webhooks", Role.VIEWER);
    put("POST /api/v1/webhooks", Role.ADMIN);
    put("GET /api/v1/webhooks/{id}", Role.VIEWER);
    put("DELETE /api/v1/webhooks/{id}", Role.ADMIN);
    put("POST /api/v1/webhooks/{id}/test", Role.OPERATOR);
    put("GET /api/v1/webhooks/{id}/deliveries", Role.VIEWER);
    put("POST /api/v1/webhooks/{id}/redeliver", Role.OPERATOR);
  }

  private RouteRoles() {}

  private static void put(String route, Role role) {
    TABLE.put(route, role);
  }

  /** The least role {@code "METHOD /path"} (as registered, with {@code {param}}s) needs. */
  public static Optional<Role> of(String method, String path) {
    return Optional.ofNullable(TABLE.get(method + " " + path));
  }

  /** Every route of the table, in the order above. */
  public static Map<String, Role> table() {
    return Collections.unmodifiableMap(TABLE);
  }
}
