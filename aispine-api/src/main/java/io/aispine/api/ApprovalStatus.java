package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Where an approval stands; only {@link #PENDING} can still be answered. */
public enum ApprovalStatus {
  @JsonProperty("pending")
  PENDING,
  @JsonProperty("approved")
  APPROVED,
  @JsonProperty("rejected")
  REJECTED,
  /** Nobody answered before its timeout; the flow's {@code on_timeout} decided. */
  @JsonProperty("expired")
  EXPIRED,
  /** Its execution was cancelled while it waited. */
  @JsonProperty("cancelled")
  CANCELLED,
  /** A status this client does not know yet (a newer server). */
  @JsonEnumDefaultValue
  UNKNOWN;

  /** The lower-case name used on the wire ({@code pending}, {@code approved} …). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status named {@code wireName} on the wire, or {@link #UNKNOWN}. */
  public static ApprovalStatus ofWireName(String wireName) {
    for (ApprovalStatus status : values()) {
      if (status != UNKNOWN && status.wireName().equals(wireName)) {
        return status;
      }
    }
    return UNKNOWN;
  }
}
