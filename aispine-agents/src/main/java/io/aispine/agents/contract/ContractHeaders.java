package io.aispine.agents.contract;

/** The HTTP header names of the agent contract. */
public final class ContractHeaders {

  /** The call's idempotency key, {@code executionId/nodePath/attempt}. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** W3C trace context of the calling execution. */
  public static final String TRACEPARENT = "traceparent";

  /** The signed message id (the idempotency key), as in Standard Webhooks' {@code webhook-id}. */
  public static final String SIGNATURE_ID = "AISpine-Id";

  /**
   * Unix seconds when the request was signed, as in Standard Webhooks' {@code webhook-timestamp}.
   */
  public static final String SIGNATURE_TIMESTAMP = "AISpine-Timestamp";

  /** Space-separated {@code v1,<base64>} signatures, as in Standard Webhooks. */
  public static final String SIGNATURE = "AISpine-Signature";

  /** Milliseconds the caller will wait for the answer; the server interrupts the agent after. */
  public static final String TIMEOUT_MS = "AISpine-Timeout-Ms";

  private ContractHeaders() {}
}
