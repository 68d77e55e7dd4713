package io.aispine.log;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The W3C trace of an execution: one trace id per execution, derived from its id, so that every
 * attempt of every node (after a restart too) and the calls they make to agents share it without
 * storing it anywhere.
 */
public final class ExecutionTrace {

  private ExecutionTrace() {}

  /** The execution's trace id: 32 lower-case hex digits, never all zero. */
  public static String traceId(String executionId) {
    UUID uuid = UUID.nameUUIDFromBytes(executionId.getBytes(StandardCharsets.UTF_8));
    HexFormat hex = HexFormat.of();
    // a name-based UUID has its version bits set, so it is never all zero
    return hex.toHexDigits(uuid.getMostSignificantBits())
        + hex.toHexDigits(uuid.getLeastSignificantBits());
  }

  /**
   * A {@code traceparent} ({@code 00-<trace id>-<span id>-01}) in the execution's trace with a new
   * span id: one per call made on the execution's behalf.
   */
  public static String traceparent(String executionId) {
    String spanId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong() | 1);
    return "00-" + traceId(executionId) + "-" + spanId + "-01";
  }
}
