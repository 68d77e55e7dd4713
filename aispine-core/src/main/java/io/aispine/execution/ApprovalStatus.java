package io.aispine.execution;

import java.util.Locale;

/** Where a request for a human answer stands. Only {@link #PENDING} can still be answered. */
public enum ApprovalStatus {
  /** Waiting for somebody to approve or reject it. */
  PENDING(false),
  /** Somebody approved it. */
  APPROVED(true),
  /** Somebody rejected it. */
  REJECTED(true),
  /** Nobody answered before its timeout; the node's {@code on_timeout} decided. */
  EXPIRED(true),
  /** Its execution was cancelled while it waited. */
  CANCELLED(true);

  private final boolean terminal;

  ApprovalStatus(boolean terminal) {
    this.terminal = terminal;
  }

  /** True once the approval can no longer be answered. */
  public boolean terminal() {
    return terminal;
  }

  /** The lower-case name used in JSON, the CLI and the store. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status with this wire name, or null. */
  public static ApprovalStatus fromWire(String name) {
    for (ApprovalStatus status : values()) {
      if (status.wireName().equals(name)) {
        return status;
      }
    }
    return null;
  }
}
