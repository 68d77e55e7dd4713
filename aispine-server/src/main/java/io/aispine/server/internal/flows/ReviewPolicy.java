package io.aispine.server.internal.flows;

/**
 * Who may approve a flow version. Server-wide today ({@code AISPINE_FLOW_APPROVAL}); the workspaces
 * branch turns it into a per-workspace setting read per request, with the same meaning.
 *
 * @param selfApproval whether an author may approve their own draft (and deploy with {@code
 *     approve=true}); false means four eyes: the approver must be another key
 */
public record ReviewPolicy(boolean selfApproval) {

  /** The name of the rule, for messages. */
  public String describe() {
    return selfApproval ? "self-approval" : "four-eyes";
  }
}
