package io.aispine.server.internal.workspaces;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResolver;
import io.aispine.agent.AgentResult;
import io.aispine.store.Workspace;
import io.aispine.store.WorkspaceStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The agents an execution on the server reaches: those of the engine's resolver, kept to the
 * execution's workspace. Another workspace's private agent fails the node exactly as a name that
 * matches no agent; every call carries its execution's workspace in its context ({@value
 * #CONTEXT_KEY}), so that the llm agent calls that workspace's providers and counts against its
 * budgets.
 */
public final class WorkspaceAgents implements AgentResolver {

  /** The context entry that holds the workspace of the calling execution. */
  public static final String CONTEXT_KEY = "workspace";

  private final AgentResolver agents;
  private final WorkspaceStore workspaces;

  public WorkspaceAgents(AgentResolver agents, WorkspaceStore workspaces) {
    this.agents = agents;
    this.workspaces = workspaces;
  }

  @Override
  public Optional<Agent> resolve(String reference) {
    return agents.resolve(reference).map(agent -> call -> execute(reference, agent, call));
  }

  @Override
  public Optional<String> pin(String reference) {
    return agents.pin(reference);
  }

  private AgentResult execute(String reference, Agent agent, AgentCall call)
      throws AgentException, InterruptedException {
    String workspace =
        workspaces
            .ownerOf(WorkspaceStore.Owned.EXECUTION, call.executionId())
            .orElse(Workspace.DEFAULT);
    int at = reference.indexOf('@');
    String name = at < 0 ? reference : reference.substring(0, at);
    String owner = workspaces.ownerOf(WorkspaceStore.Owned.AGENT, name).orElse(Workspace.DEFAULT);
    if (!owner.equals(Workspace.DEFAULT) && !owner.equals(workspace)) {
      // the same error as a name nothing answers to: no hint that the name is taken elsewhere
      throw new AgentException.Permanent("AGENT_NOT_FOUND", "no agent matches '" + reference + "'");
    }
    Map<String, Object> context = new HashMap<>(call.context());
    context.put(CONTEXT_KEY, workspace);
    return agent.execute(
        new AgentCall(
            call.executionId(),
            call.nodePath(),
            call.attempt(),
            call.idempotencyKey(),
            call.action(),
            call.input(),
            context,
            call.timeout()));
  }
}
