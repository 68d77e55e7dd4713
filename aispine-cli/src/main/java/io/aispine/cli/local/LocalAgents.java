package io.aispine.cli.local;

import io.aispine.agent.BuiltinAgents;
import io.aispine.agents.runtime.AgentRuntime;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.flow.AgentNames;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agents of a run in this process: the built-ins, and the HTTP agents named on the command line
 * ({@code --agent NAME=URL}), each signed with its secret when one is given. They are called
 * through the same {@link AgentRuntime} as a server's, behind the same guards.
 */
final class LocalAgents {

  /** An HTTP agent named on the command line; {@code secret} is null for unsigned calls. */
  private record Named(URI url, String secret) {}

  private final BuiltinAgents builtins;
  private final Map<String, Named> http;

  private LocalAgents(BuiltinAgents builtins, Map<String, Named> http) {
    this.builtins = builtins;
    this.http = Map.copyOf(http);
  }

  /** The built-ins only. */
  static LocalAgents builtinsOnly() {
    return new LocalAgents(BuiltinAgents.load(), Map.of());
  }

  /**
   * The built-ins and an HTTP agent per {@code urls} entry, signed with the secret in its {@code
   * secretFiles} entry, else {@code $AISPINE_AGENT_SECRET}, else unsigned.
   *
   * @throws CliException (usage) for a URL that is not http(s), a built-in's name, or a secret file
   *     that names no agent or cannot be read
   */
  static LocalAgents with(Map<String, String> urls, Map<String, Path> secretFiles) {
    BuiltinAgents builtins = BuiltinAgents.load();
    for (String name : secretFiles.keySet()) {
      if (!urls.containsKey(name)) {
        throw usage(
            "--agent-secret-file "
                + name
                + "=… names no agent; give its URL too: --agent "
                + name
                + "=http://HOST:PORT");
      }
    }
    var http = new LinkedHashMap<String, Named>();
    for (var entry : urls.entrySet()) {
      String name = entry.getKey();
      if (builtins.providers().containsKey(name)) {
        throw usage(
            "--agent " + name + "=… : '" + name + "' is a built-in agent; name yours otherwise");
      }
      String secret =
          secretFiles.containsKey(name)
              ? read(secretFiles.get(name))
              : System.getenv("AISPINE_AGENT_SECRET");
      http.put(name, new Named(url(name, entry.getValue()), blankToNull(secret)));
    }
    return new LocalAgents(builtins, http);
  }

  /** Every name a flow may use in this run. */
  AgentNames names() {
    return AgentNames.of(builtins.providers().keySet()).with(http.keySet());
  }

  /** Adds the HTTP agents named on the command line to {@code runtime}. */
  AgentRuntime.Builder addTo(AgentRuntime.Builder runtime) {
    http.forEach((name, agent) -> runtime.agentAt(name, agent.url(), agent.secret()));
    return runtime;
  }

  private static URI url(String name, String value) {
    try {
      URI uri = URI.create(value.strip());
      if (uri.getHost() != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // Explained below.
    }
    throw usage(
        "--agent "
            + name
            + "="
            + value
            + ": give the agent's base URL, like "
            + name
            + "=http://127.0.0.1:8080");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw usage("cannot read --agent-secret-file " + file + ": " + e.getMessage());
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }
}
