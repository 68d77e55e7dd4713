package io.aispine.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One audited request, before the store gives it a place in the chain.
 *
 * @param at when it was recorded, kept to the microsecond (the store's precision)
 * @param workspace the workspace it acted in ({@code default} until workspaces exist)
 * @param target what it acted on, or null when nothing could be named
 * @param requestId the request's id, as returned in {@code X-Request-Id}
 * @param hashes SHA-256 of the target's stored form before and after; the store fills them in when
 *     it writes the entry in the change's own transaction
 */
public record AuditEvent(
    Instant at,
    String workspace,
    AuditActor actor,
    String action,
    AuditTarget target,
    AuditOutcome outcome,
    String requestId,
    TargetHashes hashes) {

  /** The workspace of every entry until workspaces exist. */
  public static final String DEFAULT_WORKSPACE = "default";

  public AuditEvent {
    at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(requestId, "requestId");
    hashes = hashes == null ? TargetHashes.NONE : hashes;
  }

  /** This event with other target hashes. */
  public AuditEvent withHashes(TargetHashes hashes) {
    return new AuditEvent(at, workspace, actor, action, target, outcome, requestId, hashes);
  }

  /** This event acting on another target. */
  public AuditEvent withTarget(AuditTarget target) {
    return new AuditEvent(at, workspace, actor, action, target, outcome, requestId, hashes);
  }

  /** This event with another outcome. */
  public AuditEvent withOutcome(AuditOutcome outcome) {
    return new AuditEvent(at, workspace, actor, action, target, outcome, requestId, hashes);
  }

  /** SHA-256 (hex) of a target's canonical stored JSON before and after a change; null: absent. */
  public record TargetHashes(String before, String after) {
    /** Neither known. */
    public static final TargetHashes NONE = new TargetHashes(null, null);
  }
}
