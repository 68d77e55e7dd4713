package io.aispine.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * A guard refused to call an agent because it is known to be unavailable (its circuit is open). It
 * is not a failure of the node: the engine delivers the same attempt again at {@link #retryAt()}.
 */
public final class AgentUnavailableException extends RuntimeException {

  private final String agentKey;
  private final Instant retryAt;

  public AgentUnavailableException(String agentKey, Instant retryAt, String reason) {
    super(reason);
    this.agentKey = Objects.requireNonNull(agentKey, "agentKey");
    this.retryAt = Objects.requireNonNull(retryAt, "retryAt");
  }

  /** The agent version that was refused, {@code name@version}. */
  public String agentKey() {
    return agentKey;
  }

  /** When a call may be admitted again. */
  public Instant retryAt() {
    return retryAt;
  }
}
