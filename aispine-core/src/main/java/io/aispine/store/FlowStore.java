package io.aispine.store;

import java.util.List;
import java.util.Optional;

/** Flow versions. A version, once stored, never changes. */
public interface FlowStore {

  /**
   * Stores a flow version. Storing the same id, version and source again does nothing.
   *
   * @throws FlowConflictException when that id and version are stored with another source
   */
  void save(StoredFlow flow);

  /**
   * Stores a flow version for a workspace (see {@link #save(StoredFlow)}); a store without
   * workspaces keeps every flow in the default one.
   */
  default void save(StoredFlow flow, String workspace) {
    if (!Workspace.DEFAULT.equals(workspace)) {
      throw new UnsupportedOperationException("this store keeps no workspaces");
    }
    save(flow);
  }

  /** The stored version, if any. */
  Optional<StoredFlow> find(String id, String version);

  /** Every version of a flow, oldest first. */
  List<StoredFlow> versions(String id);

  /** The latest version of every flow, by id. */
  List<StoredFlow> latest();
}
