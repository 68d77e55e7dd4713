package io.aispine.agents.builtin;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Waits for {@code ms} milliseconds, then answers with the time slept and the rest of its input.
 */
final class SleepAgent implements Agent {

  @Override
  public AgentResult execute(AgentCall call) throws AgentException, InterruptedException {
    Map<String, Object> input = call.inputMap();
    long ms =
        new InputFields("sleep", input)
            .requiredInteger("ms", 0, "the number of milliseconds to wait, an integer >= 0");
    // The engine runs agents on virtual threads, where sleeping unmounts the carrier thread: ten
    // thousand sleeping calls hold no platform thread, and an interrupt ends the wait at once.
    Thread.sleep(ms);
    var rest = new LinkedHashMap<>(input);
    rest.remove("ms");
    var output = new LinkedHashMap<String, Object>();
    output.put("slept_ms", ms);
    output.put("input", rest);
    return AgentResult.success(output);
  }
}
