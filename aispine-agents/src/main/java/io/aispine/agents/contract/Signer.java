package io.aispine.agents.contract;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs agent requests the Standard Webhooks way: {@code v1,} and the base64 HMAC-SHA256, keyed by
 * the UTF-8 bytes of the shared secret, of {@code id + "." + timestamp + "." + body}.
 */
public final class Signer {

  /** The signature scheme version prefix. */
  public static final String VERSION = "v1";

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  /** A signer with {@code secret}, which must not be blank. */
  public Signer(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isBlank()) {
      throw new IllegalArgumentException("the signing secret must not be blank");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The {@code AISpine-Signature} value for this id, timestamp (unix seconds) and body. */
  public String sign(String id, long timestamp, byte[] body) {
    return VERSION + "," + Base64.getEncoder().encodeToString(mac(id, timestamp, body));
  }

  /** The raw HMAC of {@code id.timestamp.body}. */
  byte[] mac(String id, long timestamp, byte[] body) {
    try {
      // Mac instances are not thread-safe; a fresh one per call is cheap next to an HTTP exchange.
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }

  @Override
  public String toString() {
    return "Signer[" + VERSION + ", secret hidden]";
  }
}
