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
 */
public record RegisteredAgent(
    String name, String version, String url, String description, String secret, Instant createdAt) {

  public RegisteredAgent {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(createdAt, "createdAt");
    description = description == null ? "" : description;
  }

  @Override
  public String toString() {
    return "RegisteredAgent["
        + name
        + "@"
        + version
        + " "
        + url
        + (secret == null ? ", unsigned]" : ", signed]");
  }
}
