package io.aispine.server.internal.gate;

import io.aispine.engine.RunGate;
import io.aispine.engine.RunRefusal;
import io.aispine.store.FlowReview;
import io.aispine.store.FlowStore;
import io.aispine.store.PanicState;
import io.aispine.store.WorkspaceStore;
import java.util.Optional;

/**
 * The server's gate, the one check every new execution goes through (the engine calls it on each
 * start, retry, replay and subflow child; schedules and MCP starts will too): panic mode refuses
 * every new top-level run, and only approved flow versions run at all. A subflow reaches only the
 * flows of its parent's workspace.
 */
public final class ServerRunGate implements RunGate {

  private final FlowStore flows;
  private final PanicSwitch panic;
  private final WorkspaceStore workspaces;

  public ServerRunGate(FlowStore flows, PanicSwitch panic, WorkspaceStore workspaces) {
    this.flows = flows;
    this.panic = panic;
    this.workspaces = workspaces;
  }

  /** A subflow reaches only the flows of its parent execution's workspace. */
  @Override
  public boolean reaches(String parentId, String flowId) {
    Optional<String> flowOwner = workspaces.ownerOf(WorkspaceStore.Owned.FLOW, flowId);
    return flowOwner.isPresent()
        && flowOwner.equals(workspaces.ownerOf(WorkspaceStore.Owned.EXECUTION, parentId));
  }

  @Override
  public Optional<RunRefusal> refusal(String flowId, String version, RunKind kind) {
    String ref = flowId + "@" + version;
    if (kind != RunKind.SUBFLOW) {
      Optional<PanicState> on = panic.current();
      if (on.isPresent()) {
        return Optional.of(
            new RunRefusal(RunRefusal.Reason.PANIC, ref, GateProblems.panicDetail(on.get())));
      }
    }
    Optional<FlowReview> review = flows.review(flowId, version);
    if (review.isEmpty()) {
      // the engine stores a version before its first start only for local runs; a server starts
      // stored versions, so an unknown one has not been approved either
      return Optional.of(
          new RunRefusal(
              RunRefusal.Reason.DRAFT,
              ref,
              "flow " + ref + " is not deployed; deploy it and have it approved first"));
    }
    return switch (review.get().status()) {
      case APPROVED -> Optional.empty();
      case DRAFT ->
          Optional.of(
              new RunRefusal(
                  RunRefusal.Reason.DRAFT,
                  ref,
                  "flow "
                      + ref
                      + " is a draft and only approved versions run; approve it with 'aispine"
                      + " flow approve "
                      + ref
                      + "' (POST /api/v1/flows/"
                      + flowId
                      + "/versions/"
                      + version
                      + "/approve)"));
      case REJECTED ->
          Optional.of(
              new RunRefusal(
                  RunRefusal.Reason.REJECTED,
                  ref,
                  "flow "
                      + ref
                      + " was rejected"
                      + (review.get().reason() == null ? "" : " (" + review.get().reason() + ")")
                      + " and cannot run; deploy a new version and have it approved"));
    };
  }
}
