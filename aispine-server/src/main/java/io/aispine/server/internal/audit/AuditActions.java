package io.aispine.server.internal.audit;

import io.aispine.store.AuditTarget;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The action and default target of an API request, from its method and path: one row per mutating
 * route. A request no row matches (a read refused with 401/403, an unknown route) is {@code
 * <method>} on the route it named.
 */
final class AuditActions {

  private static final String SEGMENT = "([^/]+)";

  private static final List<Row> ROWS =
      List.of(
          row("POST", "/flows", "flow.deploy", null),
          row("POST", "/flows/" + SEGMENT + "/executions", "execution.start", null),
          row("POST", "/executions/" + SEGMENT + "/cancel", "execution.cancel", "execution"),
          row("POST", "/executions/" + SEGMENT + "/retry", "execution.retry", "execution"),
          row("POST", "/executions/" + SEGMENT + "/replay", "execution.replay", null),
          row("POST", "/approvals/" + SEGMENT + "/approve", "approval.approve", "approval"),
          row("POST", "/approvals/" + SEGMENT + "/reject", "approval.reject", "approval"),
          row("POST", "/agents", "agent.register", null),
          row(
              "POST",
              "/agents/" + SEGMENT + "/versions/" + SEGMENT + "/deprecate",
              "agent.deprecate",
              "agent_version"),
          row(
              "POST",
              "/agents/" + SEGMENT + "/versions/" + SEGMENT + "/undeprecate",
              "agent.undeprecate",
              "agent_version"),
          row("POST", "/agents/" + SEGMENT + "/health-check", "agent.health_check", "agent"),
          row("POST", "/agents/" + SEGMENT + "/circuit/reset", "agent.circuit_reset", "agent"),
          row("PUT", "/agents/" + SEGMENT + "/limits", "agent.limits", "agent"),
          row("POST", "/agents/" + SEGMENT + "/drain", "agent.drain", "agent"),
          row("POST", "/agents/" + SEGMENT + "/undrain", "agent.undrain", "agent"),
          row("POST", "/webhooks", "webhook.create", null),
          row("DELETE", "/webhooks/" + SEGMENT, "webhook.delete", "webhook"),
          row("POST", "/webhooks/" + SEGMENT + "/test", "webhook.test", "webhook"),
          row("POST", "/webhooks/" + SEGMENT + "/redeliver", "webhook.redeliver", "webhook"));

  private AuditActions() {}

  /** What a request does and, when its path names it, what it does it to. */
  static Resolved resolve(String method, String path) {
    for (Row row : ROWS) {
      Matcher match = row.pattern.matcher(path);
      if (row.method.equals(method) && match.matches()) {
        AuditTarget target = null;
        if (row.targetType != null) {
          String id =
              match.groupCount() == 2 ? match.group(1) + "@" + match.group(2) : match.group(1);
          target = new AuditTarget(row.targetType, id);
        }
        return new Resolved(row.action, target);
      }
    }
    return new Resolved(
        method.toLowerCase(java.util.Locale.ROOT), new AuditTarget("route", clip(path)));
  }

  private static String clip(String path) {
    return path.length() <= 200 ? path : path.substring(0, 200);
  }

  private static Row row(String method, String path, String action, String targetType) {
    return new Row(method, Pattern.compile("/api/v1" + path), action, targetType);
  }

  private record Row(String method, Pattern pattern, String action, String targetType) {}

  /** A request's action and its target as far as the path tells. */
  record Resolved(String action, AuditTarget target) {}
}
