package io.aispine.server.internal.triggers;

import io.aispine.flow.WebhookTrigger.SignatureScheme;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies inbound webhook signatures: Standard Webhooks ({@code webhook-id}, {@code
 * webhook-timestamp}, {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>},
 * secrets {@code whsec_<base64>} or plain text) and GitHub's {@code X-Hub-Signature-256:
 * sha256=<hex HMAC-SHA256 of the body>}. Comparisons take constant time.
 */
final class WebhookSignatures {

  /** How far a Standard Webhooks timestamp may be from now, either way (against replays). */
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  private WebhookSignatures() {}

  /**
   * Why a request's signature does not verify, or empty when it does.
   *
   * @param headers the request's headers with lower-case names
   */
  static Optional<String> refusal(
      SignatureScheme scheme,
      String secret,
      Map<String, String> headers,
      byte[] body,
      Instant now) {
    return switch (scheme) {
      case STANDARD -> standard(secret, headers, body, now);
      case GITHUB -> github(secret, headers, body);
    };
  }

  private static Optional<String> standard(
      String secret, Map<String, String> headers, byte[] body, Instant now) {
    String id = headers.get("webhook-id");
    String timestamp = headers.get("webhook-timestamp");
    String signatures = headers.get("webhook-signature");
    if (id == null || timestamp == null || signatures == null) {
      return Optional.of(
          "missing Standard Webhooks headers: send webhook-id, webhook-timestamp and"
              + " webhook-signature");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return Optional.of("webhook-timestamp must be seconds since the epoch");
    }
    if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(TOLERANCE) > 0) {
      return Optional.of(
          "webhook-timestamp is more than 5 minutes from the server's time (a replay, or a"
              + " sender clock off)");
    }
    byte[] key =
        secret.startsWith("whsec_")
            ? Base64.getDecoder().decode(secret.substring("whsec_".length()))
            : secret.getBytes(StandardCharsets.UTF_8);
    byte[] signed = concat((id + "." + seconds + ".").getBytes(StandardCharsets.UTF_8), body);
    byte[] expected = hmac(key, signed);
    for (String candidate : signatures.strip().split(" ")) {
      if (candidate.startsWith("v1,")) {
        byte[] given;
        try {
          given = Base64.getDecoder().decode(candidate.substring(3));
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (MessageDigest.isEqual(expected, given)) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(
        "webhook-signature does not match the body signed with the trigger's secret");
  }

  private static Optional<String> github(String secret, Map<String, String> headers, byte[] body) {
    String header = headers.get("x-hub-signature-256");
    if (header == null || !header.startsWith("sha256=")) {
      return Optional.of("missing X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>");
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring("sha256=".length()).strip());
    } catch (IllegalArgumentException e) {
      return Optional.of("X-Hub-Signature-256 must be sha256= and hex digits");
    }
    byte[] expected = hmac(secret.getBytes(StandardCharsets.UTF_8), body);
    return MessageDigest.isEqual(expected, given)
        ? Optional.empty()
        : Optional.of(
            "X-Hub-Signature-256 does not match the body signed with the trigger's secret");
  }

  /** HMAC-SHA256 of {@code data} under {@code key}. */
  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
