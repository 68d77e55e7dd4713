package io.aispine.agents.contract;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** W3C Trace Context {@code traceparent} values: taken from a call's context, or made fresh. */
public final class TraceContext {

  /** The key under which a call's context carries its {@code traceparent}. */
  public static final String CONTEXT_KEY = "traceparent";

  private static final Pattern TRACEPARENT =
      Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

  private TraceContext() {}

  /** The context's {@code traceparent} when it holds a valid one, else a fresh sampled one. */
  public static String traceparent(Map<String, Object> context) {
    Object given = context.get(CONTEXT_KEY);
    if (given instanceof String value && isValid(value)) {
      return value;
    }
    return fresh();
  }

  /** Whether {@code value} is a version-00 {@code traceparent} with non-zero ids. */
  public static boolean isValid(String value) {
    return value != null && TRACEPARENT.matcher(value).matches();
  }

  /** A new sampled {@code traceparent} with random trace and span ids. */
  public static String fresh() {
    // Trace ids need to be unique, not secret: a fast non-cryptographic source is enough.
    var random = ThreadLocalRandom.current();
    HexFormat hex = HexFormat.of();
    String traceId = hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong() | 1);
    String spanId = hex.toHexDigits(random.nextLong() | 1);
    return "00-" + traceId + "-" + spanId + "-01";
  }
}
