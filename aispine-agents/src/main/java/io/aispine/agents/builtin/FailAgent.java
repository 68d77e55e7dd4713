package io.aispine.agents.builtin;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import java.util.LinkedHashMap;

/** Fails the first {@code times} attempts of a node on purpose, then succeeds. */
final class FailAgent implements Agent {

  static final String DEFAULT_CODE = "INJECTED_FAILURE";

  @Override
  public AgentResult execute(AgentCall call) throws AgentException {
    var fields = new InputFields("fail", call.inputMap());
    Long times = fields.integer("times", 0);
    boolean retryable = fields.bool("retryable", true);
    String message = fields.string("message");
    String code = fields.string("code");
    if (code != null && code.isBlank()) {
      throw fields.invalid("code", "must not be blank");
    }
    // Decided by the attempt number alone, never by a counter in memory, so that an execution
    // resumed after a restart fails and recovers exactly as it would have without the restart.
    int attempt = call.attempt();
    if (times == null || attempt <= times) {
      String text = message != null ? message : defaultMessage(attempt, times);
      String errorCode = code != null ? code : DEFAULT_CODE;
      throw retryable
          ? new AgentException.Retryable(errorCode, text)
          : new AgentException.Permanent(errorCode, text);
    }
    var output = new LinkedHashMap<String, Object>();
    output.put("attempt", attempt);
    output.put("recovered", true);
    return AgentResult.success(output);
  }

  private static String defaultMessage(int attempt, Long times) {
    return times == null
        ? "failing attempt " + attempt + " on purpose (no 'times' given: fails every attempt)"
        : "failing attempt " + attempt + " of " + times + " on purpose";
  }
}
