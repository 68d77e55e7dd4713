package io.aispine.agents.channel.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body
 * keyed with the app secret>}. Computed over the bytes as received, never over re-serialised JSON
 * (which would change escapes of non-ASCII characters and break the check).
 */
public final class WebhookSignature {

  /** The header that carries the signature. */
  public static final String HEADER = "X-Hub-Signature-256";

  private static final String PREFIX = "sha256=";

  private WebhookSignature() {}

  /** The header value for {@code body} signed with {@code appSecret}. */
  public static String sign(byte[] body, String appSecret) {
    return PREFIX + HexFormat.of().formatHex(hmac(body, appSecret));
  }

  /** Whether {@code header} is the signature of {@code body} (compared in constant time). */
  public static boolean verify(byte[] body, String header, String appSecret) {
    if (header == null || !header.startsWith(PREFIX) || appSecret == null) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(PREFIX.length()).strip().toLowerCase());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(given, hmac(body, appSecret));
  }

  private static byte[] hmac(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }
}
