package io.aispine.agents.contract;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;

/**
 * Checks the Standard Webhooks signature of an agent request against one or more secrets (several
 * while a secret is being rotated), with a tolerance window against replays.
 */
public final class SignatureVerifier {

  /** How far a request's timestamp may be from now, by default. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private final List<Signer> signers;
  private final Duration tolerance;
  private final InstantSource clock;

  /** A verifier that accepts a signature made with any of {@code secrets}. */
  public SignatureVerifier(List<String> secrets, Duration tolerance, InstantSource clock) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("a signature verifier needs at least one secret");
    }
    this.signers = secrets.stream().map(Signer::new).toList();
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /** A verifier for {@code secrets} with the default tolerance and the system clock. */
  public static SignatureVerifier of(String... secrets) {
    return new SignatureVerifier(List.of(secrets), DEFAULT_TOLERANCE, InstantSource.system());
  }

  /**
   * Verifies the three signature headers' values against {@code body}.
   *
   * @throws InvalidSignatureException when a header is missing, the timestamp is stale or no
   *     signature matches
   */
  public void verify(String id, String timestamp, String signatures, byte[] body)
      throws InvalidSignatureException {
    require(ContractHeaders.SIGNATURE_ID, id);
    require(ContractHeaders.SIGNATURE_TIMESTAMP, timestamp);
    require(ContractHeaders.SIGNATURE, signatures);
    long signedAt = checkFresh(timestamp.strip());
    for (String candidate : signatures.strip().split(" +")) {
      byte[] received = decode(candidate);
      if (received == null) {
        continue;
      }
      for (Signer signer : signers) {
        // Constant time: how much of a guess matches must not show in how long the answer takes.
        if (MessageDigest.isEqual(signer.mac(id, signedAt, body), received)) {
          return;
        }
      }
    }
    throw new InvalidSignatureException(
        InvalidSignatureException.Reason.MISMATCH,
        "no "
            + Signer.VERSION
            + " signature in "
            + ContractHeaders.SIGNATURE
            + " matches the body; check that caller and agent share the same secret and that the"
            + " body is passed on byte for byte");
  }

  private static void require(String header, String value) throws InvalidSignatureException {
    if (value == null || value.isBlank()) {
      throw new InvalidSignatureException(
          InvalidSignatureException.Reason.MISSING, "missing header " + header);
    }
  }

  private long checkFresh(String timestamp) throws InvalidSignatureException {
    long signedAt;
    try {
      signedAt = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new InvalidSignatureException(
          InvalidSignatureException.Reason.EXPIRED,
          ContractHeaders.SIGNATURE_TIMESTAMP + " must be unix seconds, got '" + timestamp + "'");
    }
    long skew = Math.abs(clock.instant().getEpochSecond() - signedAt);
    if (skew > tolerance.toSeconds()) {
      throw new InvalidSignatureException(
          InvalidSignatureException.Reason.EXPIRED,
          ContractHeaders.SIGNATURE_TIMESTAMP
              + " is "
              + skew
              + " s away from now, more than the "
              + tolerance.toSeconds()
              + " s allowed; a replayed request, or a clock that needs synchronising");
    }
    return signedAt;
  }

  /** The signature bytes of one {@code v1,<base64>} entry, or null for another scheme or junk. */
  private static byte[] decode(String candidate) {
    String prefix = Signer.VERSION + ",";
    if (!candidate.startsWith(prefix)) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(candidate.substring(prefix.length()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "SignatureVerifier["
        + signers.size()
        + " secret(s) hidden, tolerance "
        + tolerance
        + "]";
  }
}
