package io.aispine.store;

/**
 * What a workspace may use; {@value #UNLIMITED} means no limit.
 *
 * @param apiCallsPerMinute API requests per minute, per key
 * @param executionsPerMonth executions started per calendar month (UTC)
 * @param executionsRunning executions running at once
 * @param privateAgents HTTP agents registered by the workspace
 */
public record Quotas(
    long apiCallsPerMinute, long executionsPerMonth, long executionsRunning, long privateAgents) {

  /** The value of a quota without a limit. */
  public static final long UNLIMITED = -1;

  public Quotas {
    for (long value :
        new long[] {apiCallsPerMinute, executionsPerMonth, executionsRunning, privateAgents}) {
      if (value < UNLIMITED) {
        throw new IllegalArgumentException(
            "a quota is a number of at least 0, or -1 for unlimited");
      }
    }
  }

  /** Whether {@code limit} is a limit at all. */
  public static boolean limited(long limit) {
    return limit != UNLIMITED;
  }
}
