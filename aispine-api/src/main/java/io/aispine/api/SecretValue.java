package io.aispine.api;

/** The body of {@code PUT /api/v1/secrets/{name}}: the value, at most 64 KiB as UTF-8. */
@WireType(request = true)
public record SecretValue(@WireField(description = "At most 64 KiB as UTF-8") String value) {

  @Override
  public String toString() {
    return "SecretValue[value=***]"; // never the value, whoever logs this
  }
}
