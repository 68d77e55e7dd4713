package io.aispine.agents.serve;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agents.contract.ExecuteResponse;
import io.aispine.execution.ErrorInfo;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one call of the served agent and turns whatever it does into a contract response. */
final class AgentRunner {

  private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);

  private final Agent agent;
  private final String name;
  private final ScheduledExecutorService scheduler;

  AgentRunner(Agent agent, String name, ScheduledExecutorService scheduler) {
    this.agent = agent;
    this.name = name;
    this.scheduler = scheduler;
  }

  /**
   * The response for {@code call}, interrupting the agent once {@code timeout} (null: none) passes.
   *
   * @throws ProblemException 500 when the agent crashed, 503 when the server is stopping
   */
  ExecuteResponse run(AgentCall call, Duration timeout) {
    try (CallDeadline deadline = CallDeadline.start(scheduler, timeout)) {
      try {
        AgentResult result = agent.execute(call);
        if (result == null) {
          return failure(ErrorInfo.permanent("AGENT_PROTOCOL", name + " returned no result"));
        }
        return ExecuteResponse.of(result);
      } catch (AgentException e) {
        return failure(e.toErrorInfo());
      } catch (InterruptedException e) {
        if (deadline.fired()) {
          return failure(
              ErrorInfo.retryable(
                  "TIMEOUT", name + " did not finish within " + timeout.toMillis() + " ms"));
        }
        // Not re-interrupting: this request thread ends with this answer, and an interrupted
        // thread could not write it.
        throw new ProblemException(Problem.unavailable("the agent server is shutting down"));
      } catch (RuntimeException e) {
        // The stack trace is for the agent's operator, not for the caller.
        LOG.error("agent {} failed on call {}", name, call.idempotencyKey(), e);
        throw new ProblemException(
            Problem.internal(
                name
                    + " failed unexpectedly ("
                    + e.getClass().getSimpleName()
                    + "); see the agent server's log"));
      }
    }
  }

  private static ExecuteResponse failure(ErrorInfo error) {
    return ExecuteResponse.of(AgentResult.failure(error));
  }
}
