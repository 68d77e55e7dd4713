package io.aispine.server.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** The text form of API keys: {@code ask_} and 32 random bytes in base64url; stored as SHA-256. */
public final class ApiKeyText {

  /** Every key starts with this, so that leaked keys are easy to scan for. */
  public static final String PREFIX = "ask_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeyText() {}

  /** A new random key. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The lower-case hex SHA-256 of a key's text, the only form the store keeps. */
  public static String sha256(String key) {
    return HexFormat.of().formatHex(digest(key));
  }

  /** The raw SHA-256 of a key's text. */
  static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
