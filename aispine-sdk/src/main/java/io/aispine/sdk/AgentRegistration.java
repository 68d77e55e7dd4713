package io.aispine.sdk;

import io.aispine.api.RegisterAgent;
import java.util.Objects;

/**
 * What registers an HTTP agent version: name, semantic version, base URL, and optionally a
 * description and the secret that signs calls to it (never returned by the server).
 */
public record AgentRegistration(
    String name, String version, String url, String description, String secret) {

  /** Requires the name, version and URL; the server checks their format. */
  public AgentRegistration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(url, "url");
  }

  /** The request body that registers this version. */
  public RegisterAgent toRequest() {
    return new RegisterAgent(
        name,
        version,
        url,
        secret,
        description,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** Keeps the secret out of logs and exception messages. */
  @Override
  public String toString() {
    return "AgentRegistration[name="
        + name
        + ", version="
        + version
        + ", url="
        + url
        + ", description="
        + description
        + ", secret="
        + (secret == null ? "none" : "***")
        + "]";
  }
}
