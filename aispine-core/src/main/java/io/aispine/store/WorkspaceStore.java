package io.aispine.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Workspaces, which workspace owns an object, and what a workspace uses of its quotas. */
public interface WorkspaceStore {

  /** The kinds of object that belong to a workspace and are looked up by id. */
  enum Owned {
    FLOW,
    EXECUTION,
    APPROVAL,
    AGENT
  }

  /**
   * Creates a workspace.
   *
   * @return false when a workspace with that id exists (nothing is changed)
   */
  boolean create(Workspace workspace);

  /** The workspace with that id, if any. */
  Optional<Workspace> find(String id);

  /** Every workspace, by id. */
  List<Workspace> list();

  /**
   * Changes a workspace's plan and overrides.
   *
   * @return the changed workspace, or empty when there is none with that id
   */
  Optional<Workspace> update(String id, Plan plan, Workspace.QuotaOverrides overrides);

  /** The workspace that owns the object, or empty when there is no such object. */
  Optional<String> ownerOf(Owned kind, String id);

  /** The ids of the flows of a workspace. */
  List<String> flowIds(String workspace);

  /** The agent names registered by a workspace. */
  List<String> agentNames(String workspace);

  /**
   * Gives a newly registered agent version to a workspace; an agent registered before belongs to
   * the workspace that registered it first.
   */
  void claimAgent(String name, String version, String workspace);

  /** How many executions of the workspace were created at or after {@code since}. */
  long executionsCreatedSince(String workspace, Instant since);

  /** How many executions of the workspace are running. */
  long executionsRunning(String workspace);
}
