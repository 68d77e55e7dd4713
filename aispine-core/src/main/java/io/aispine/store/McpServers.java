package io.aispine.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The MCP servers each workspace added, and the allowlist an admin keeps of the servers that may be
 * added at all. Values of {@code env} and {@code headers} may name secrets ({@code
 * ${secrets.NAME}}): the placeholder is stored, the value stays in the vault.
 */
public interface McpServers {

  /** What a tool call needs before it runs. */
  enum Permission {
    /** Runs. */
    ALLOW,
    /** Never runs: the node fails for good. */
    DENY,
    /** Runs once a person approved it. */
    APPROVAL;

    /** The lower-case name used on the wire and in the store. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The permission named {@code name} ({@code allow}, {@code deny}, {@code approval}). */
    public static Optional<Permission> of(String name) {
      for (Permission p : values()) {
        if (p.wireName().equals(name)) {
          return Optional.of(p);
        }
      }
      return Optional.empty();
    }
  }

  /** How AI Spine reaches a server. */
  sealed interface Endpoint {
    /** The allowlist entry that admits this endpoint: the command, or the URL. */
    String target();
  }

  /** A server AI Spine starts as a process and speaks to over its standard input and output. */
  record Stdio(String command, List<String> args, Map<String, String> env) implements Endpoint {
    public Stdio {
      Objects.requireNonNull(command, "command");
      args = args == null ? List.of() : List.copyOf(args);
      env = env == null ? Map.of() : Map.copyOf(env);
    }

    @Override
    public String target() {
      return command;
    }
  }

  /** A server reached over streamable HTTP at {@code url}. */
  record Http(String url, Map<String, String> headers) implements Endpoint {
    public Http {
      Objects.requireNonNull(url, "url");
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public String target() {
      return url;
    }
  }

  /**
   * How long things may take.
   *
   * @param connect connecting and the MCP handshake, and any request but a tool call
   * @param call one tool call (a node's own timeout may be shorter)
   */
  record Timeouts(Duration connect, Duration call) {
    /** 20 s to connect, 60 s per call. */
    public static final Timeouts DEFAULT =
        new Timeouts(Duration.ofSeconds(20), Duration.ofSeconds(60));

    public Timeouts {
      Objects.requireNonNull(connect, "connect");
      Objects.requireNonNull(call, "call");
    }
  }

  /**
   * Which tools may run: {@code tools} by name, {@code others} for the rest.
   *
   * @param tools the permission of named tools
   * @param others the permission of every tool not named
   */
  record ToolPolicy(Map<String, Permission> tools, Permission others) {
    /** Every tool runs. */
    public static final ToolPolicy ALLOW_ALL = new ToolPolicy(Map.of(), Permission.ALLOW);

    public ToolPolicy {
      tools = tools == null ? Map.of() : Map.copyOf(tools);
      Objects.requireNonNull(others, "others");
    }

    /** The permission of tool {@code name}. */
    public Permission of(String name) {
      return tools.getOrDefault(name, others);
    }
  }

  /** A server as a workspace added it. */
  record Server(
      String workspaceId,
      String name,
      Endpoint endpoint,
      Timeouts timeouts,
      ToolPolicy policy,
      Instant createdAt) {
    public Server {
      Objects.requireNonNull(workspaceId, "workspaceId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(endpoint, "endpoint");
      timeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
      policy = policy == null ? ToolPolicy.ALLOW_ALL : policy;
      Objects.requireNonNull(createdAt, "createdAt");
    }
  }

  /** Stores {@code server}, replacing one of the same workspace and name. */
  void save(Server server);

  /** The server {@code name} of {@code workspaceId}. */
  Optional<Server> find(String workspaceId, String name);

  /** The servers of a workspace, by name. */
  List<Server> list(String workspaceId);

  /** Removes a server; false when there was none. */
  boolean delete(String workspaceId, String name);

  /** The allowlist of a workspace: commands and URLs (an entry ending in '*' is a prefix). */
  List<String> allowlist(String workspaceId);

  /** Adds {@code entry} to the allowlist; false when it was there. */
  boolean allow(String workspaceId, String entry);

  /** Removes {@code entry} from the allowlist; false when it was not there. */
  boolean disallow(String workspaceId, String entry);
}
