package io.aispine.flow;

import java.time.Duration;
import java.util.Objects;

/**
 * Execution options shared by every node kind, after {@code defaults} have been applied.
 *
 * @param retry the retry policy
 * @param timeout how long one attempt may run, or null for no limit
 * @param onError id of the fallback node activated (and given this node's error) when this node
 *     fails for good, or null
 * @param continueOnError when true, a final failure becomes the node's output ({@code {error: …}} )
 *     and dependents proceed as if it succeeded
 */
public record NodeOptions(
    RetryPolicy retry, Duration timeout, String onError, boolean continueOnError) {

  /** No retry, no timeout, no error handling. */
  public static final NodeOptions DEFAULT = new NodeOptions(RetryPolicy.NONE, null, null, false);

  public NodeOptions {
    Objects.requireNonNull(retry, "retry");
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }
}
