package io.aispine.store;

import java.util.Locale;

/**
 * Where a flow version stands in the gate: deployed as a {@link #DRAFT}, then {@link #APPROVED} (it
 * may run) or {@link #REJECTED} (it never runs; a reason says why).
 */
public enum FlowStatus {
  /** Deployed, waiting for a person to approve or reject it; it cannot run. */
  DRAFT(false),
  /** Approved: new executions of it may start. */
  APPROVED(true),
  /** Rejected, from draft or after approval; it cannot run again. */
  REJECTED(false);

  private final boolean runnable;

  FlowStatus(boolean runnable) {
    this.runnable = runnable;
  }

  /** True when new executions of a version in this status may start. */
  public boolean runnable() {
    return runnable;
  }

  /** The lower-case name used on the wire and in the store. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status named {@code wireName}. */
  public static FlowStatus fromWire(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
