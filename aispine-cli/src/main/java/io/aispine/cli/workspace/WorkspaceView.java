package io.aispine.cli.workspace;

import io.aispine.api.QuotaUse;
import io.aispine.api.WorkspaceInfo;
import io.aispine.cli.output.Output;
import java.util.List;

/** How the CLI prints a workspace and its quotas. */
final class WorkspaceView {

  private WorkspaceView() {}

  static void print(Output out, WorkspaceInfo workspace) {
    out.writer()
        .println(
            "workspace "
                + workspace.id()
                + " ("
                + workspace.name()
                + "), plan "
                + workspace.plan()
                + ", created "
                + workspace.createdAt());
    out.table(
        List.of("QUOTA", "LIMIT", "USED"),
        workspace.quotas().stream()
            .map(q -> List.of(q.name(), limit(q), q.used() == null ? "-" : q.used().toString()))
            .toList(),
        "no quotas");
  }

  private static String limit(QuotaUse quota) {
    return quota.limit() < 0 ? "unlimited" : Long.toString(quota.limit());
  }
}
