package io.aispine.server.internal.agents;

/**
 * The body of {@code POST /api/v1/agents}.
 *
 * @param name the agent's name
 * @param version its semantic version
 * @param url its base URL
 * @param description free text, optional
 * @param secret the signing secret, optional; never returned
 */
record RegisterRequest(String name, String version, String url, String description, String secret) {

  @Override
  public String toString() {
    return "RegisterRequest[" + name + "@" + version + " " + url + "]";
  }
}
