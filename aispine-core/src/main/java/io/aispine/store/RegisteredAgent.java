package io.aispine.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of an HTTP agent registered with the server.
 *
 * @param name the agent's name as flows reference it
 * @param version its exact semantic version
 * @param url the base URL where it serves {@code /execute} and {@code /health}
 * @param description free text, empty when absent
 * @param secret the secret that signs calls to it, or null; kept server-side, never returned by the
 *     API and left out of {@link #toString()}
 * @param createdAt when it was registered
 * @param details what its manifest says: category, tags, schemas, pricing, limits, sensitivity
 * @param deprecation why it is deprecated, or null while it is not
 */
public record RegisteredAgent(
    String name,
    String version,
    String url,
    String description,
    String secret,
    Instant createdAt,
    AgentDetails details,
    AgentDeprecation deprecation) {

  public RegisteredAgent {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(createdAt, "createdAt");
    description = description == null ? "" : description;
    details = details == null ? AgentDetails.NONE : details;
  }

  /** A version registered without a manifest, not deprecated. */
  public RegisteredAgent(
      String name,
      String version,
      String url,
      String description,
      String secret,
      Instant createdAt) {
    this(name, version, url, description, secret, createdAt, AgentDetails.NONE, null);
  }

  /** {@code name@version}: how circuits, health and metrics key this version. */
  public String key() {
    return name + "@" + version;
  }

  /** True when it was deprecated. */
  public boolean deprecated() {
    return deprecation != null;
  }

  /** The same version with another deprecation (null: not deprecated). */
  public RegisteredAgent withDeprecation(AgentDeprecation next) {
    return new RegisteredAgent(name, version, url, description, secret, createdAt, details, next);
  }

  /** The same version with another signing secret (null: unsigned). */
  public RegisteredAgent withSecret(String next) {
    return new RegisteredAgent(
        name, version, url, description, next, createdAt, details, deprecation);
  }

  /**
   * True when {@code other} registers the same thing: the same URL and manifest details (the
   * description and secret of the first registration stay).
   */
  public boolean sameRegistration(RegisteredAgent other) {
    return url.equals(other.url) && details.equals(other.details);
  }

  @Override
  public String toString() {
    return "RegisteredAgent["
        + name
        + "@"
        + version
        + " "
        + url
        + (secret == null ? ", unsigned" : ", signed")
        + (deprecation == null ? "" : ", deprecated")
        + "]";
  }
}
