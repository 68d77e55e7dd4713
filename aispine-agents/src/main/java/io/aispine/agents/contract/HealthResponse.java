package io.aispine.agents.contract;

/**
 * The body of a {@code GET /health} answer.
 *
 * @param status {@code ok} when the agent can take calls
 * @param name the agent's name
 * @param version the agent's semantic version
 */
public record HealthResponse(String status, String name, String version) {

  /** The {@code status} of a healthy agent. */
  public static final String OK = "ok";
}
