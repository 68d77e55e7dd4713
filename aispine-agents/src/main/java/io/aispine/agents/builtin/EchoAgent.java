package io.aispine.agents.builtin;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentResult;

/** Answers every call with its input, unchanged. */
final class EchoAgent implements Agent {

  @Override
  public AgentResult execute(AgentCall call) {
    // Benchmarks call this at very high rates: hand the input tree back as is, no copy, no logging.
    return AgentResult.success(call.input());
  }
}
