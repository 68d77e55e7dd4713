package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** The status of an execution; each carries whether it is final and whether it ended well. */
public enum ExecutionStatus {
  @JsonProperty("running")
  RUNNING(false, false),
  @JsonProperty("succeeded")
  SUCCEEDED(true, true),
  @JsonProperty("failed")
  FAILED(true, false),
  @JsonProperty("cancelled")
  CANCELLED(true, false),
  /** A status this client does not know yet (a newer server); treated as still running. */
  @JsonEnumDefaultValue
  UNKNOWN(false, false);

  private final boolean terminal;
  private final boolean successful;

  ExecutionStatus(boolean terminal, boolean successful) {
    this.terminal = terminal;
    this.successful = successful;
  }

  /** True when the execution will not change any more. */
  public boolean terminal() {
    return terminal;
  }

  /** True when the execution ended well. */
  public boolean successful() {
    return successful;
  }

  /** The lower-case name used on the wire ({@code running}, {@code succeeded} …). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status named {@code wireName} on the wire, or {@link #UNKNOWN}. */
  public static ExecutionStatus ofWireName(String wireName) {
    for (ExecutionStatus status : values()) {
      if (status != UNKNOWN && status.wireName().equals(wireName)) {
        return status;
      }
    }
    return UNKNOWN;
  }
}
