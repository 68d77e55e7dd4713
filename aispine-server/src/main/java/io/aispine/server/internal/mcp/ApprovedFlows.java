package io.aispine.server.internal.mcp;

import io.aispine.server.internal.http.Printable;
import io.aispine.store.FlowReview;
import io.aispine.store.FlowStatus;
import io.aispine.store.FlowStore;
import io.aispine.store.StoredFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only way the MCP server reaches flows: approved versions of the caller's workspace. A draft
 * or rejected version is refused with the reason and the fix; a flow of another workspace reads as
 * missing. Drafts are never returned, only counted by name in {@link #pending()}.
 */
final class ApprovedFlows {

  private final FlowStore flows;

  /**
   * @param flows the flows of the caller's workspace ({@code WorkspaceFlows})
   */
  ApprovedFlows(FlowStore flows) {
    this.flows = flows;
  }

  /** The approved version {@code id} names, or the refusal that says why it is not one. */
  StoredFlow approved(ApprovedId id) {
    StoredFlow stored =
        flows
            .find(id.flow(), id.version())
            .orElseThrow(
                () ->
                    McpRefusal.notFound(
                        "no flow version '"
                            + Printable.clip(id.toString())
                            + "' in this workspace; ops://approved lists the approved ones"));
    FlowReview review =
        flows
            .review(id.flow(), id.version())
            .orElse(FlowReview.draft(null)); // no record: not approved
    return switch (review.status()) {
      case APPROVED -> stored;
      case DRAFT ->
          throw McpRefusal.DRAFT.error(
              "flow version "
                  + id
                  + " is a draft awaiting review, and MCP reaches approved flow versions only;"
                  + " an admin approves it with 'aispine flow approve "
                  + id
                  + "' (ops://approved lists the approved ones)");
      case REJECTED ->
          throw McpRefusal.REJECTED.error(
              "flow version "
                  + id
                  + " was rejected"
                  + (review.reason() == null ? "" : " (" + review.reason() + ")")
                  + " and never runs; ops://approved lists the approved ones");
    };
  }

  /**
   * The approved version a bare flow id or a {@code flow@version} names: a bare id means its newest
   * approved version, as an unversioned start through the API does.
   */
  StoredFlow named(String flowOrId) {
    if (flowOrId != null && flowOrId.contains("@")) {
      return approved(ApprovedId.parse(flowOrId));
    }
    if (flowOrId == null || flowOrId.isBlank()) {
      throw McpRefusal.invalid(
          "a flow is required: its id (runs its newest approved version) or 'flow@version'");
    }
    List<StoredFlow> versions = flows.versions(flowOrId.strip());
    if (versions.isEmpty()) {
      throw McpRefusal.notFound(
          "no flow '"
              + Printable.clip(flowOrId)
              + "' in this workspace; ops://approved lists the approved ones");
    }
    Optional<StoredFlow> approved = flows.newestApproved(flowOrId.strip());
    if (approved.isPresent()) {
      return approved.get();
    }
    Map<String, FlowReview> reviews = flows.reviews(flowOrId.strip());
    StoredFlow newest = versions.getLast();
    throw McpRefusal.DRAFT.error(
        "flow "
            + newest.id()
            + " has no approved version (newest: "
            + newest.id()
            + "@"
            + newest.version()
            + ", "
            + reviews.get(newest.version()).status().wireName()
            + "), and MCP runs approved flow versions only; an admin approves one with 'aispine"
            + " flow approve "
            + newest.id()
            + "@"
            + newest.version()
            + "'");
  }

  /** Every approved version of the workspace, by flow id then version, oldest first. */
  List<StoredFlow> all() {
    return inStatus(FlowStatus.APPROVED);
  }

  /** The ids ({@code flow@version}) of the drafts awaiting review: names only, never content. */
  List<String> pending() {
    return inStatus(FlowStatus.DRAFT).stream().map(f -> f.id() + "@" + f.version()).toList();
  }

  private List<StoredFlow> inStatus(FlowStatus status) {
    List<StoredFlow> found = new ArrayList<>();
    for (StoredFlow latest : flows.latest()) {
      Map<String, FlowReview> reviews = flows.reviews(latest.id());
      for (StoredFlow version : flows.versions(latest.id())) {
        FlowReview review = reviews.get(version.version());
        if (review != null && review.status() == status) {
          found.add(version);
        }
      }
    }
    return found;
  }
}
