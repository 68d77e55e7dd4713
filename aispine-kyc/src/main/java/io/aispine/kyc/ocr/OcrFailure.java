package io.aispine.kyc.ocr;

import io.aispine.agent.AgentException;

/** The permanent errors of the {@code ocr} agent: the same input will always fail the same way. */
enum OcrFailure {
  /** The bytes are not what they claim or cannot be decoded. */
  CORRUPT_MEDIA,
  /** A type other than PNG, JPEG or PDF. */
  UNSUPPORTED_MEDIA_TYPE,
  /** More than 16 MiB. */
  MEDIA_TOO_LARGE,
  /** A picture of something that is not an identity document. */
  NOT_A_DOCUMENT,
  /** A PDF without pages. */
  EMPTY_PDF,
  /** The document was read, but its fields do not fit the caller's JSON Schema. */
  SCHEMA_MISMATCH,
  /** The input itself is malformed (no media, a schema that is not an object …). */
  INVALID_INPUT;

  AgentException.Permanent error(String message) {
    return new AgentException.Permanent(name(), "ocr: " + message);
  }
}
