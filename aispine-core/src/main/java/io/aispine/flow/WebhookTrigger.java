package io.aispine.flow;

import java.util.Map;
import java.util.Objects;

/**
 * A trigger that fires when a signed request arrives at {@code POST
 * /hooks/{workspace}/{flow}.{trigger}}.
 *
 * @param id the trigger's id
 * @param secret the name of the workspace secret holding the signing key
 * @param signature how requests are signed
 * @param idempotencyKey a {@code ${…}} template over {@code headers} and {@code payload} naming the
 *     delivery, so that a redelivery starts nothing new; null for the scheme's own delivery id
 * @param inputs flow inputs, may read {@code payload}, {@code headers} (lower-case names) and
 *     {@code trigger}
 */
public record WebhookTrigger(
    String id,
    String secret,
    SignatureScheme signature,
    String idempotencyKey,
    Map<String, Object> inputs)
    implements Trigger {

  public WebhookTrigger {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(signature, "signature");
    inputs = TriggerReader.frozen(inputs);
  }

  /** How a webhook's sender signs its requests. */
  public enum SignatureScheme {
    /**
     * Standard Webhooks: {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>}
     * with {@code webhook-id} and {@code webhook-timestamp}; the delivery id is {@code webhook-id}.
     */
    STANDARD("webhook-id"),
    /**
     * GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}; the delivery id is
     * {@code X-GitHub-Delivery}.
     */
    GITHUB("x-github-delivery");

    private final String deliveryHeader;

    SignatureScheme(String deliveryHeader) {
      this.deliveryHeader = deliveryHeader;
    }

    /** The (lower-case) header naming a delivery when the trigger names no idempotency key. */
    public String deliveryHeader() {
      return deliveryHeader;
    }

    /** The name used in YAML. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
