package io.aispine.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * A guard refused to call an agent now: its circuit is open, it is drained, or a rate or
 * concurrency limit holds the call back. It is not a failure of the node: the engine delivers the
 * same attempt again at {@link #retryAt()}, and records {@link #code()} as the reason the node
 * waits.
 */
public final class AgentUnavailableException extends RuntimeException {

  private final String agentKey;
  private final Instant retryAt;
  private final String code;
  private final boolean heldByLimit;

  /** A refusal with the generic code {@code unavailable}. */
  public AgentUnavailableException(String agentKey, Instant retryAt, String reason) {
    this(agentKey, retryAt, "unavailable", reason);
  }

  /**
   * A refusal.
   *
   * @param code why, as a stable code ({@code circuit_open}, {@code rate_limited}, {@code drained}
   *     …): the reason of the node's {@code node.deferred} event
   * @param message the same for people
   */
  public AgentUnavailableException(String agentKey, Instant retryAt, String code, String message) {
    this(agentKey, retryAt, code, message, false);
  }

  /**
   * A refusal.
   *
   * @param heldByLimit true when the agent is up but a limit holds the call back (rate,
   *     concurrency): a node's fallback agent serves only when its agent is unavailable, not when
   *     it is busy
   */
  public AgentUnavailableException(
      String agentKey, Instant retryAt, String code, String message, boolean heldByLimit) {
    super(message);
    this.heldByLimit = heldByLimit;
    this.agentKey = Objects.requireNonNull(agentKey, "agentKey");
    this.retryAt = Objects.requireNonNull(retryAt, "retryAt");
    this.code = Objects.requireNonNull(code, "code");
  }

  /** True when a limit holds the call back rather than the agent being unavailable. */
  public boolean heldByLimit() {
    return heldByLimit;
  }

  /** Why the call was refused, as a stable code. */
  public String code() {
    return code;
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
