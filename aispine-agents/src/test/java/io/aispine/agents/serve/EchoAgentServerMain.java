package io.aispine.agents.serve;

import io.aispine.agent.BuiltinAgents;

/**
 * Serves the built-in {@code echo} agent on a free port and prints the port, for tests that need
 * the agent in another process. Arguments: the signing secret (optional).
 */
public final class EchoAgentServerMain {

  private EchoAgentServerMain() {}

  public static void main(String[] args) throws Exception {
    var provider = BuiltinAgents.load().providers().get("echo");
    String secret = args.length > 0 ? args[0] : null;
    AgentServer server =
        AgentServer.start(provider.create(), provider.name(), provider.version(), 0, secret);
    System.out.println(server.port());
    System.out.flush();
    // Serve until the parent closes our stdin (or kills us): no orphan outlives its test.
    while (System.in.read() >= 0) {
      // Ignore input; only end-of-stream matters.
    }
    server.close();
  }
}
