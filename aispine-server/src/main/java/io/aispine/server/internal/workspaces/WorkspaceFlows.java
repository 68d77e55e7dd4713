package io.aispine.server.internal.workspaces;

import io.aispine.store.FlowReview;
import io.aispine.store.FlowStore;
import io.aispine.store.StoredFlow;
import io.aispine.store.WorkspaceStore;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flows of one workspace: a flow of another workspace reads exactly as one that does not exist,
 * so that the routes answer both with the same {@code 404}.
 */
public final class WorkspaceFlows implements FlowStore {

  private final FlowStore flows;
  private final WorkspaceStore workspaces;
  private final String workspace;

  public WorkspaceFlows(FlowStore flows, WorkspaceStore workspaces, String workspace) {
    this.flows = flows;
    this.workspaces = workspaces;
    this.workspace = workspace;
  }

  /** Whether flow {@code id} exists in another workspace (and so cannot be deployed here). */
  public boolean takenElsewhere(String id) {
    return workspaces
        .ownerOf(WorkspaceStore.Owned.FLOW, id)
        .filter(w -> !w.equals(workspace))
        .isPresent();
  }

  /**
   * Whether this workspace's flows may name agent {@code name}: built-in agents and those of the
   * default workspace are shared, the others are private to the workspace that registered them.
   */
  public boolean mayUseAgent(String name) {
    String owner =
        workspaces
            .ownerOf(WorkspaceStore.Owned.AGENT, name)
            .orElse(io.aispine.store.Workspace.DEFAULT);
    return owner.equals(io.aispine.store.Workspace.DEFAULT) || owner.equals(workspace);
  }

  private boolean visible(String id) {
    return workspaces.ownerOf(WorkspaceStore.Owned.FLOW, id).filter(workspace::equals).isPresent();
  }

  @Override
  public void deploy(StoredFlow flow, String author, String workspace) {
    if (!this.workspace.equals(workspace)) {
      throw new IllegalArgumentException(
          "flow " + flow.id() + " belongs to workspace " + this.workspace + ", not " + workspace);
    }
    flows.deploy(flow, author, workspace);
  }

  /** Stores a flow version of this workspace as a draft deployed by {@code author}. */
  @Override
  public void deploy(StoredFlow flow, String author) {
    flows.deploy(flow, author, workspace);
  }

  @Override
  public Optional<FlowReview> review(String id, String version) {
    return visible(id) ? flows.review(id, version) : Optional.empty();
  }

  @Override
  public Map<String, FlowReview> reviews(String id) {
    return visible(id) ? flows.reviews(id) : Map.of();
  }

  @Override
  public boolean approve(String id, String version, String approver, Instant at) {
    return visible(id) && flows.approve(id, version, approver, at);
  }

  @Override
  public boolean reject(String id, String version, String by, Instant at, String reason) {
    return visible(id) && flows.reject(id, version, by, at, reason);
  }

  @Override
  public Optional<StoredFlow> find(String id, String version) {
    return visible(id) ? flows.find(id, version) : Optional.empty();
  }

  @Override
  public List<StoredFlow> versions(String id) {
    return visible(id) ? flows.versions(id) : List.of();
  }

  @Override
  public List<StoredFlow> latest() {
    var own = new HashSet<>(workspaces.flowIds(workspace));
    return flows.latest().stream().filter(f -> own.contains(f.id())).toList();
  }
}
