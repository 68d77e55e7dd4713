package io.aispine.agents.runtime;

import io.micrometer.core.instrument.Tags;

/**
 * The {@code agent} and {@code version} tags of an agent version's metrics, from its key {@code
 * name@version}.
 */
record AgentTags(String agent, String version) {

  private static final int MAX_CODE = 64;

  static AgentTags of(String agentKey) {
    int at = agentKey.lastIndexOf('@');
    return at < 0
        ? new AgentTags(agentKey, "")
        : new AgentTags(agentKey.substring(0, at), agentKey.substring(at + 1));
  }

  Tags tags() {
    return Tags.of("agent", agent, "version", version);
  }

  /**
   * An error code as a tag value: codes come from agents, so they are cut to a bounded, printable
   * form that keeps the number of series bounded.
   */
  static String code(String code) {
    if (code == null || code.isBlank()) {
      return "UNKNOWN";
    }
    String clean = code.strip().replaceAll("[^A-Za-z0-9_.-]", "_");
    return clean.length() <= MAX_CODE ? clean : clean.substring(0, MAX_CODE);
  }
}
