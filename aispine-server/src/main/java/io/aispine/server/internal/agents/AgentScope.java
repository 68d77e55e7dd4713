package io.aispine.server.internal.agents;

import io.aispine.api.Problem;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.store.Workspace;
import io.aispine.store.WorkspaceStore;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.Endpoint;
import java.util.Optional;

/**
 * Which agents a workspace sees: built-in agents and those of the default workspace are shared by
 * every workspace (read-only outside the default one); an agent registered in another workspace is
 * private to it and answers {@code 404} elsewhere, exactly as an agent that does not exist.
 */
public final class AgentScope implements Handler {

  private final WorkspaceStore workspaces;
  private final java.util.function.Predicate<String> exists;

  /**
   * @param exists whether an agent name is built in or registered
   */
  public AgentScope(WorkspaceStore workspaces, java.util.function.Predicate<String> exists) {
    this.workspaces = workspaces;
    this.exists = exists;
  }

  /** Whether workspace {@code workspace} sees agent {@code name}. */
  public boolean visible(String workspace, String name) {
    String owner = owner(name).orElse(Workspace.DEFAULT);
    return owner.equals(Workspace.DEFAULT) || owner.equals(workspace);
  }

  /** Checks the {@code {name}} of {@code /api/v1/agents/{name}…} routes. */
  @Override
  public void handle(Context ctx) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    if (endpoint == null || !endpoint.path.startsWith("/api/v1/agents/{name}")) {
      return;
    }
    String name = ctx.pathParam("name");
    String workspace = Caller.of(ctx).workspace();
    if (!visible(workspace, name)) {
      throw new ProblemException(Problem.notFound(AgentRoutes.noAgent(name)));
    }
    boolean read = endpoint.method.name().equals("GET");
    String owner = owner(name).orElse(Workspace.DEFAULT);
    // an agent that does not exist is left to the route, which answers 404 for it
    if (!read && !owner.equals(workspace) && exists.test(name)) {
      throw new ProblemException(
          Problem.forbidden(
              "agent '"
                  + name
                  + "' is shared by the server: only the default workspace's admins change it"));
    }
  }

  private Optional<String> owner(String name) {
    return workspaces.ownerOf(WorkspaceStore.Owned.AGENT, name);
  }
}
