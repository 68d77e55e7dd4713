package io.aispine.cli.agent;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentProvider;
import io.aispine.agent.BuiltinAgents;
import io.aispine.agents.builtin.HttpAgentProvider;
import io.aispine.agents.contract.SignatureVerifier;
import io.aispine.agents.outbound.OutboundHttp;
import io.aispine.agents.outbound.OutboundPolicy;
import io.aispine.agents.serve.AgentServer;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Hint;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aispine agent serve NAME}: serves a built-in agent stand-alone over the HTTP contract. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a built-in agent stand-alone over HTTP until Ctrl-C.",
      "It answers GET /health and POST /execute per docs/agent-contract.md. Register it on a"
          + " server with 'aispine agent register'."
    })
final class AgentServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description = "The built-in agent: echo, sleep, fail, http …")
  String name;

  @Option(
      names = "--port",
      defaultValue = "0",
      paramLabel = "P",
      description = "The TCP port (default: a free one).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "HOST",
      description = "The interface to listen on (default 127.0.0.1; 0.0.0.0 for every one).")
  String host;

  @Option(
      names = "--secret",
      paramLabel = "SECRET",
      description =
          "Refuse calls not signed with this secret (default: $AISPINE_AGENT_SECRET; none: accept unsigned calls).")
  String secret;

  @Override
  public Integer call() throws InterruptedException {
    AgentProvider provider = BuiltinAgents.load().providers().get(name);
    if (provider == null) {
      throw new CliException(
          ExitCodes.USAGE,
          "no built-in agent '"
              + name
              + "'; built-ins: "
              + String.join(", ", BuiltinAgents.load().providers().keySet()));
    }
    String key = secret != null ? secret : System.getenv("AISPINE_AGENT_SECRET");
    // Served, the http agent sends requests for whoever calls it: it gets a server's outbound
    // policy (loopback only when listening on loopback, never its own port), not a local one.
    var ownPort = new AtomicInteger(port);
    OutboundHttp outbound = null;
    if (provider instanceof HttpAgentProvider) {
      outbound =
          new OutboundHttp(
              OutboundPolicy.forServer(
                  host, ownPort::get, OutboundPolicy.allowlistFrom(System.getenv())));
      provider = new HttpAgentProvider(outbound);
    }
    Agent agent = provider.create();
    var out = spec.commandLine().getOut();
    var stopped = new CountDownLatch(1);
    try (var server =
        AgentServer.startWithVerifier(
            agent,
            name,
            provider.version(),
            host,
            port,
            key == null || key.isEmpty() ? null : SignatureVerifier.of(key))) {
      ownPort.set(server.port());
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "agent-serve-stop"));
      String shownHost = host.contains(":") ? "[" + host + "]" : host;
      out.println(
          "Serving built-in agent "
              + name
              + "@"
              + provider.version()
              + " at http://"
              + shownHost
              + ":"
              + server.port()
              + (key == null || key.isEmpty()
                  ? " (unsigned calls accepted)"
                  : " (signed calls only)"));
      out.println(
          "Register it: "
              + Hint.aispine()
              + " agent register "
              + name
              + " --version "
              + provider.version()
              + " http://"
              + shownHost
              + ":"
              + server.port()
              + (key == null ? "" : " --secret-file FILE"));
      out.println("Stop with Ctrl-C.");
      out.flush();
      stopped.await();
    } finally {
      if (outbound != null) {
        outbound.close();
      }
    }
    return ExitCodes.OK;
  }
}
