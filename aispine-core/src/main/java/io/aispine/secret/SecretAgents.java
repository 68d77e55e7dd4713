package io.aispine.secret;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResolver;
import io.aispine.agent.AgentResult;
import io.aispine.agent.AgentUnavailableException;
import io.aispine.execution.ErrorInfo;
import io.aispine.expr.SecretReferences;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Agents that receive secrets: each call's {@code ${secrets.NAME}} placeholders are replaced by
 * their values in the call only, at the last moment, and the values are masked in whatever comes
 * back (output, error, crash) before the engine stores it. The node's stored input keeps the
 * placeholders; an unknown secret fails the node for good with {@value #NOT_FOUND}.
 */
public final class SecretAgents implements AgentResolver {

  /** The error code of a node whose input names a secret that is not set. */
  public static final String NOT_FOUND = "SECRET_NOT_FOUND";

  /** The error code of a node whose secret cannot be decrypted. */
  public static final String UNREADABLE = "SECRET_UNREADABLE";

  private final AgentResolver agents;
  private final SecretValues secrets;

  /** The agents of {@code agents}, given the secrets of {@code secrets}. */
  public SecretAgents(AgentResolver agents, SecretValues secrets) {
    this.agents = agents;
    this.secrets = secrets;
  }

  @Override
  public Optional<Agent> resolve(String reference) {
    return agents.resolve(reference).map(agent -> call -> execute(agent, call));
  }

  @Override
  public Optional<String> pin(String reference) {
    return agents.pin(reference);
  }

  private AgentResult execute(Agent agent, AgentCall call)
      throws AgentException, InterruptedException {
    Map<String, String> values = new HashMap<>();
    for (String name : SecretReferences.names(call.input())) {
      Optional<String> value;
      try {
        value = secrets.value(call.executionId(), name);
      } catch (SecretUnreadableException e) {
        throw new AgentException.Permanent(UNREADABLE, e.getMessage());
      }
      if (value.isEmpty()) {
        throw new AgentException.Permanent(
            NOT_FOUND,
            "node '"
                + call.nodePath()
                + "' uses secret '"
                + name
                + "', which is not set; "
                + secrets.howToSet(name));
      }
      values.put(name, value.get());
    }
    Object input = SecretReferences.substitute(call.input(), values::get);
    if (values.isEmpty() && input.equals(call.input())) {
      return agent.execute(call);
    }
    var redaction = new Redaction(new ArrayList<>(values.values()));
    var withSecrets =
        new AgentCall(
            call.executionId(),
            call.nodePath(),
            call.attempt(),
            call.idempotencyKey(),
            call.action(),
            input,
            call.context(),
            call.timeout());
    AgentResult result;
    try {
      result = agent.execute(withSecrets);
    } catch (AgentException e) {
      throw redacted(e, redaction);
    } catch (AgentUnavailableException e) {
      throw e; // says only which agent is held back and until when
    } catch (RuntimeException e) {
      // the engine would record the crash's message, which may quote the input
      String type = e.getClass().getSimpleName();
      String message = e.getMessage() == null ? type : type + ": " + e.getMessage();
      return AgentResult.failure(ErrorInfo.retryable("AGENT_CRASHED", redaction.text(message)));
    }
    return redacted(result, redaction);
  }

  private static AgentResult redacted(AgentResult result, Redaction redaction) {
    return switch (result) {
      case null -> null;
      case AgentResult.Success s -> new AgentResult.Success(redaction.tree(s.output()), s.usage());
      case AgentResult.Failure f ->
          AgentResult.failure(
              new ErrorInfo(
                  f.error().code(), redaction.text(f.error().message()), f.error().retryable()));
    };
  }

  /** The same kind of failure with the secrets masked, and without a cause that may quote them. */
  private static AgentException redacted(AgentException e, Redaction redaction) {
    String message = redaction.text(e.getMessage());
    return switch (e) {
      case AgentException.Unreachable u -> new AgentException.Unreachable(u.code(), message);
      case AgentException.Retryable r -> new AgentException.Retryable(r.code(), message);
      case AgentException.Permanent p -> new AgentException.Permanent(p.code(), message);
    };
  }
}
