package io.aispine.agents.remote;

import io.aispine.agent.AgentCall;
import java.time.Duration;
import java.util.Map;

/** Builds agent calls the way the engine would for one node attempt. */
final class Calls {

  private Calls() {}

  static AgentCall call(Map<String, Object> input) {
    return call(input, Map.of(), null);
  }

  static AgentCall call(Map<String, Object> input, Map<String, Object> context, Duration timeout) {
    return new AgentCall(
        "ex_test", "review/2/ocr", 1, "ex_test/review/2/ocr/1", "scan", input, context, timeout);
  }
}
