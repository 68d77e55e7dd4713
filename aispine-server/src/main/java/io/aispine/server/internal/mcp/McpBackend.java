package io.aispine.server.internal.mcp;

import io.aispine.engine.Engine;
import io.aispine.execution.ExecutionState;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.gate.PanicSwitch;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.workspaces.WorkspaceFlows;
import io.aispine.server.internal.workspaces.WorkspaceQuotas;
import io.aispine.store.AuditLog;
import io.aispine.store.FlowStore;
import io.aispine.store.WorkspaceStore;
import java.time.InstantSource;

/**
 * What the MCP tools, prompts and resources read and drive: the server's own engine, flows and
 * guards, always seen through the caller's workspace.
 *
 * @param engine the server's engine (its run gate refuses drafts a second time)
 * @param flows every workspace's flows; use {@link #approvedFlows} to reach them
 * @param workspaces who owns what
 * @param quotas the workspaces' quotas
 * @param panic the panic switch
 * @param audit the audit log that records the runs MCP starts
 * @param clock the server's clock
 * @param version the server's version
 */
public record McpBackend(
    Engine engine,
    FlowStore flows,
    WorkspaceStore workspaces,
    WorkspaceQuotas quotas,
    PanicSwitch panic,
    AuditLog audit,
    InstantSource clock,
    String version) {

  /** The approved flow versions the caller may reach. */
  ApprovedFlows approvedFlows(Caller caller) {
    return new ApprovedFlows(new WorkspaceFlows(flows, workspaces, caller.workspace()));
  }

  /** The execution {@code id} of the caller's workspace; another workspace's reads as missing. */
  ExecutionState run(Caller caller, String id) {
    if (id == null || id.isBlank()) {
      throw McpRefusal.invalid("a run id is required (create_run answers with one)");
    }
    return engine
        .execution(id.strip())
        .filter(s -> caller.owns(workspaces.ownerOf(WorkspaceStore.Owned.EXECUTION, s.id())))
        .orElseThrow(
            () ->
                McpRefusal.notFound(
                    "no run '"
                        + Printable.clip(id)
                        + "' in this workspace; create_run starts one"));
  }

  /** {@code value} as indented JSON, the text of a resource or tool result. */
  static String json(Object value) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }
}
