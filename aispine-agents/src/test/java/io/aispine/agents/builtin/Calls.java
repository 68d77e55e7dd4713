package io.aispine.agents.builtin;

import io.aispine.agent.AgentCall;
import java.time.Duration;
import java.util.Map;

/** Builds agent calls the way the engine would for one node attempt. */
final class Calls {

  private Calls() {}

  static AgentCall call(Object input) {
    return call(input, 1, null);
  }

  static AgentCall call(Object input, int attempt) {
    return call(input, attempt, null);
  }

  static AgentCall call(Object input, int attempt, Duration timeout) {
    return new AgentCall(
        "ex_test", "node", attempt, "ex_test/node/" + attempt, null, input, Map.of(), timeout);
  }
}
