package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Where a flow version stands in the gate; only {@link #APPROVED} versions can run. */
public enum FlowVersionStatus {
  /** Deployed, waiting for approval; it cannot run. */
  @JsonProperty("draft")
  DRAFT,
  /** Approved: new executions of it may start. */
  @JsonProperty("approved")
  APPROVED,
  /** Rejected (or its approval withdrawn); it cannot run. */
  @JsonProperty("rejected")
  REJECTED,
  /** A status this client does not know yet (a newer server). */
  @JsonEnumDefaultValue
  UNKNOWN;

  /** The lower-case name used on the wire. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
