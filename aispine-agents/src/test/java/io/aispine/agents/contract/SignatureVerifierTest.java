package io.aispine.agents.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

  // The worked example of docs/agent-contract.md; the expected value was computed independently
  // (Python's hmac module), so this also checks the Java signer against another implementation.
  static final String DOC_SECRET = "s3cr3t-shared-with-the-agent";
  static final String DOC_ID = "ex_01J9Z8/ocr/1";
  static final long DOC_TIMESTAMP = 1767225600L;
  static final String DOC_BODY =
      "{\"execution_id\":\"ex_01J9Z8\",\"node\":\"ocr\",\"attempt\":1,"
          + "\"idempotency_key\":\"ex_01J9Z8/ocr/1\",\"action\":null,"
          + "\"input\":{\"name\":\"Ada\"},\"context\":{}}";
  static final String DOC_SIGNATURE = "v1,H+VgDZw58/woKmevg7exEg+FpVd33sMCSYQ8ZOjN6jI=";

  private static final InstantSource AT_DOC_TIME =
      InstantSource.fixed(Instant.ofEpochSecond(DOC_TIMESTAMP + 10));

  private static byte[] body() {
    return DOC_BODY.getBytes(StandardCharsets.UTF_8);
  }

  private static SignatureVerifier verifier(String... secrets) {
    return new SignatureVerifier(List.of(secrets), Duration.ofMinutes(5), AT_DOC_TIME);
  }

  @Test
  void signs_the_documented_worked_example_to_the_documented_signature() {
    assertThat(new Signer(DOC_SECRET).sign(DOC_ID, DOC_TIMESTAMP, body())).isEqualTo(DOC_SIGNATURE);
  }

  @Test
  void accepts_the_documented_worked_example() {
    assertThatCode(
            () ->
                verifier(DOC_SECRET)
                    .verify(DOC_ID, Long.toString(DOC_TIMESTAMP), DOC_SIGNATURE, body()))
        .doesNotThrowAnyException();
  }

  @Test
  void accepts_a_signature_by_any_secret_during_rotation() {
    String byNewSecret = new Signer("new-secret").sign(DOC_ID, DOC_TIMESTAMP, body());
    assertThatCode(
            () ->
                verifier(DOC_SECRET, "new-secret")
                    .verify(DOC_ID, Long.toString(DOC_TIMESTAMP), byNewSecret, body()))
        .doesNotThrowAnyException();
  }

  @Test
  void accepts_a_header_listing_several_signatures_when_one_matches() {
    String header = "v1,AAAA v1a,whatever not-even-base64 " + DOC_SIGNATURE;
    assertThatCode(
            () -> verifier(DOC_SECRET).verify(DOC_ID, Long.toString(DOC_TIMESTAMP), header, body()))
        .doesNotThrowAnyException();
  }

  @Test
  void rejects_a_tampered_body_without_revealing_the_secret() {
    byte[] tampered = DOC_BODY.replace("Ada", "Eve").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                verifier(DOC_SECRET)
                    .verify(DOC_ID, Long.toString(DOC_TIMESTAMP), DOC_SIGNATURE, tampered))
        .isInstanceOfSatisfying(
            InvalidSignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidSignatureException.Reason.MISMATCH))
        .message()
        .doesNotContain(DOC_SECRET)
        .contains("AISpine-Signature");
  }

  @Test
  void rejects_a_signature_made_for_another_id() {
    assertThatThrownBy(
            () ->
                verifier(DOC_SECRET)
                    .verify("ex_other/ocr/1", Long.toString(DOC_TIMESTAMP), DOC_SIGNATURE, body()))
        .isInstanceOf(InvalidSignatureException.class);
  }

  @Test
  void rejects_a_timestamp_outside_the_tolerance_window_as_a_replay() {
    var later =
        new SignatureVerifier(
            List.of(DOC_SECRET),
            Duration.ofMinutes(5),
            InstantSource.fixed(Instant.ofEpochSecond(DOC_TIMESTAMP + 301)));
    assertThatThrownBy(
            () -> later.verify(DOC_ID, Long.toString(DOC_TIMESTAMP), DOC_SIGNATURE, body()))
        .isInstanceOfSatisfying(
            InvalidSignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidSignatureException.Reason.EXPIRED))
        .hasMessageContaining("301 s");
  }

  @Test
  void rejects_a_timestamp_that_is_not_unix_seconds() {
    assertThatThrownBy(
            () -> verifier(DOC_SECRET).verify(DOC_ID, "2026-01-01T00:00Z", DOC_SIGNATURE, body()))
        .isInstanceOfSatisfying(
            InvalidSignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidSignatureException.Reason.EXPIRED));
  }

  @Test
  void rejects_missing_headers_naming_the_header() {
    assertThatThrownBy(
            () -> verifier(DOC_SECRET).verify(DOC_ID, Long.toString(DOC_TIMESTAMP), null, body()))
        .isInstanceOfSatisfying(
            InvalidSignatureException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidSignatureException.Reason.MISSING))
        .hasMessage("missing header AISpine-Signature");
  }

  @Test
  void never_shows_secrets_in_its_string_forms() {
    assertThat(new Signer(DOC_SECRET).toString()).doesNotContain(DOC_SECRET);
    assertThat(verifier(DOC_SECRET).toString()).doesNotContain(DOC_SECRET);
  }
}
