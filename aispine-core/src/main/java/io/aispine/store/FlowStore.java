package io.aispine.store;

import io.aispine.flow.FlowVersion;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flow versions and where each stands in the gate. A version, once stored, never changes; its
 * status moves from draft to approved or rejected, and from approved to rejected.
 */
public interface FlowStore {

  /**
   * Stores a flow version as a draft with no author (a local run's). Storing the same id, version
   * and source again does nothing.
   *
   * @throws FlowConflictException when that id and version are stored with another source
   */
  default void save(StoredFlow flow) {
    deploy(flow, null);
  }

  /**
   * Stores a flow version of the default workspace as a draft deployed by the API key {@code
   * author}; see {@link #deploy(StoredFlow, String, String)}.
   */
  default void deploy(StoredFlow flow, String author) {
    deploy(flow, author, Workspace.DEFAULT);
  }

  /**
   * Stores a flow version of {@code workspace} as a draft deployed by the API key {@code author}.
   * Storing the same id, version and source again does nothing (its status and author stay as they
   * were).
   *
   * @throws FlowConflictException when that id and version are stored with another source
   */
  void deploy(StoredFlow flow, String author, String workspace);

  /** The stored version, if any. */
  Optional<StoredFlow> find(String id, String version);

  /** Every version of a flow, oldest first. */
  List<StoredFlow> versions(String id);

  /** The latest version of every flow, by id. */
  List<StoredFlow> latest();

  /** Where a version stands in the gate, if it is stored. */
  Optional<FlowReview> review(String id, String version);

  /** The gate's record of every version of a flow, by version. */
  Map<String, FlowReview> reviews(String id);

  /**
   * The newest version of flow {@code id} that may run (approved), if any: a draft deployed later
   * does not change what an unversioned start runs until it is approved too.
   */
  default Optional<StoredFlow> newestApproved(String id) {
    Map<String, FlowReview> reviews = reviews(id);
    return versions(id).stream()
        .filter(
            f -> reviews.get(f.version()) != null && reviews.get(f.version()).status().runnable())
        .max(Comparator.comparing((StoredFlow f) -> FlowVersion.parse(f.version())));
  }

  /**
   * Approves a draft in one conditional write: of two concurrent approvals, or an approval racing a
   * rejection, exactly one wins.
   *
   * @return true when the version was a draft and is now approved; false when it is not stored or
   *     was not a draft (read {@link #review} to say why)
   */
  boolean approve(String id, String version, String approver, Instant at);

  /**
   * Rejects a draft or withdraws the approval of an approved version, in one conditional write.
   *
   * @return true when the version was a draft or approved and is now rejected
   */
  boolean reject(String id, String version, String by, Instant at, String reason);
}
