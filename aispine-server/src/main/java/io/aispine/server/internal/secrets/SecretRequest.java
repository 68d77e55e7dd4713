package io.aispine.server.internal.secrets;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.api.Problem;
import io.aispine.server.internal.http.ProblemException;
import java.nio.charset.StandardCharsets;

/**
 * The body of {@code PUT /api/v1/secrets/{name}}: {@code {"value": "…"}}, a non-empty string of at
 * most {@value #MAX_BYTES} bytes as UTF-8. Problems never quote the value.
 */
record SecretRequest(String value) {

  /** The most a secret's value may weigh, as UTF-8. */
  static final int MAX_BYTES = 64 * 1024;

  @JsonCreator
  static SecretRequest fromJson(@JsonProperty("value") JsonNode value) {
    if (value == null || value.isNull()) {
      throw new ProblemException(
          Problem.badField("/value", "field /value is required: the secret's value, a string"));
    }
    if (!value.isTextual()) {
      throw new ProblemException(
          Problem.badField(
              "/value", "field /value must be a string (got " + value.getNodeType() + ")"));
    }
    String text = value.textValue();
    if (text.isEmpty()) {
      throw new ProblemException(
          Problem.badField("/value", "field /value is empty; a secret needs a value"));
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw new ProblemException(
          Problem.of(
                  413,
                  "secret-too-large",
                  "Secret too large",
                  "the value is "
                      + bytes
                      + " bytes as UTF-8; a secret may hold at most "
                      + MAX_BYTES
                      + " (64 KiB): keep large material in a file the agent reads")
              .withErrors(java.util.List.of(Problem.FieldError.at("/value", "too large"))));
    }
    return new SecretRequest(text);
  }

  @Override
  public String toString() {
    return "SecretRequest[value=***]"; // never the value, whoever logs this
  }
}
