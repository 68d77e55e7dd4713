package io.aispine.flow;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A human in the loop: the execution waits, durably, until somebody whose role is one of {@code
 * approvers} approves or rejects, or until {@code options().timeout()} passes and {@code onTimeout}
 * decides. The answer becomes the node's output ({@code approved}, {@code comment}, {@code by}).
 *
 * @param message what the approver is asked; its {@code ${…}} templates are resolved when asked
 * @param approvers the API key roles that may answer ({@code admin} may always answer)
 * @param onTimeout what an unanswered approval becomes once its timeout passes
 */
public record ApprovalNode(
    String id,
    List<String> needs,
    TriggerRule trigger,
    NodeOptions options,
    SourceLocation location,
    String message,
    List<String> approvers,
    OnTimeout onTimeout)
    implements Node {

  /** The roles that may answer when a flow names none. */
  public static final List<String> DEFAULT_APPROVERS = List.of("admin", "operator");

  /** The roles an approver list may name: keys of other roles only read. */
  /**
   * Every role an API key can have; approvers name some of them. Defined here, with the flow
   * vocabulary, so that reading a flow does not depend on the store.
   */
  public static final Set<String> ROLES = Set.of("admin", "operator", "viewer");

  public static final List<String> APPROVER_ROLES = List.of("admin", "operator");

  /**
   * The approver that is no API key: the person on the other end of a conversation channel
   * (WhatsApp), who answers by replying there. An approval naming it waits for the guest's next
   * message, which the channel hands to it as the answer's comment.
   */
  public static final String GUEST = "guest";

  public ApprovalNode {
    needs = List.copyOf(needs);
    Objects.requireNonNull(message, "message");
    approvers =
        approvers == null || approvers.isEmpty() ? DEFAULT_APPROVERS : List.copyOf(approvers);
    onTimeout = onTimeout == null ? OnTimeout.REJECT : onTimeout;
  }

  /** How long the approval may stay unanswered, or null to wait for ever. */
  public Duration timeout() {
    return options.timeout();
  }

  @Override
  public String kind() {
    return "approval";
  }

  /** What an approval nobody answered in time becomes. */
  public enum OnTimeout {
    /** It counts as rejected: the node succeeds with {@code approved: false}. */
    REJECT,
    /** It counts as approved: the node succeeds with {@code approved: true}. */
    APPROVE,
    /** The node fails with the permanent error {@code APPROVAL_TIMEOUT}. */
    FAIL;

    /** The name used in YAML. */
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The value named {@code name} in YAML, or null. */
    public static OnTimeout fromYaml(String name) {
      for (OnTimeout value : values()) {
        if (value.yamlName().equals(name)) {
          return value;
        }
      }
      return null;
    }
  }
}
