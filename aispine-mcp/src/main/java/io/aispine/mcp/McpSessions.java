package io.aispine.mcp;

import io.aispine.expr.SecretReferences;
import io.aispine.store.McpServers.Endpoint;
import io.aispine.store.McpServers.Http;
import io.aispine.store.McpServers.Server;
import io.aispine.store.McpServers.Stdio;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open sessions with the MCP servers of every workspace: one per server, opened on first use,
 * kept open between calls, opened again (after a backoff that grows with each failure) when the
 * server died or broke the exchange, and closed when the server is removed or this is closed.
 */
public final class McpSessions implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(McpSessions.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);

  /** Where the values of {@code ${secrets.NAME}} in a server's env and headers come from. */
  @FunctionalInterface
  public interface SecretLookup {
    /** The value of secret {@code name} of {@code workspace}, or empty when it is not set. */
    Optional<String> value(String workspace, String name);
  }

  /**
   * What is known of a server's session now.
   *
   * @param connected whether a session is open
   * @param tools the tools it listed when it connected (empty when not connected)
   * @param lastError the last failure to connect or call, or null
   * @param latency how long the last connection or call took, or null
   * @param retryAt when the next connection may be tried after failures, or null
   */
  public record Status(
      boolean connected,
      List<McpSchema.Tool> tools,
      String lastError,
      Duration latency,
      Instant retryAt) {
    public Status {
      tools = List.copyOf(tools);
    }
  }

  private record Key(String workspace, String name) {}

  private final ConcurrentHashMap<Key, Slot> slots = new ConcurrentHashMap<>();
  private final SecretLookup secrets;
  private final InstantSource clock;
  private final McpJsonMapper json =
      new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper());
  private volatile boolean closed;

  /** Sessions whose secrets come from {@code secrets}. */
  public McpSessions(SecretLookup secrets, InstantSource clock) {
    this.secrets = secrets;
    this.clock = clock;
  }

  /** The tools of {@code server}, connecting first when no session is open. */
  public List<McpSchema.Tool> tools(Server server) throws McpUnavailableException {
    return slot(server).open(server, false).tools;
  }

  /**
   * Calls {@code tool} of {@code server}. A failure of the exchange (not an error the tool answers
   * with) closes the session, so that the next call opens a new one.
   */
  public McpSchema.CallToolResult call(
      Server server, String tool, Map<String, Object> arguments, Duration timeout)
      throws McpUnavailableException, InterruptedException {
    Slot slot = slot(server);
    Session session = slot.open(server, false);
    long started = System.nanoTime();
    var request = new McpSchema.CallToolRequest(tool, arguments);
    try {
      var result = session.client.callTool(request);
      slot.succeeded(Duration.ofNanos(System.nanoTime() - started));
      return result;
    } catch (RuntimeException e) {
      if (Thread.interrupted()) {
        slot.drop(session, "the call of " + tool + " was interrupted");
        throw new InterruptedException("the call of " + tool + " was interrupted");
      }
      String reason = "calling " + tool + " failed: " + describe(e);
      slot.drop(session, reason);
      throw new McpUnavailableException(server.name(), reason, null, e);
    }
  }

  /**
   * Checks that {@code server} answers now: connects when no session is open (even during a
   * backoff: a person asked) and pings it.
   *
   * @return the tools it lists
   */
  public List<McpSchema.Tool> check(Server server) throws McpUnavailableException {
    Slot slot = slot(server);
    Session session = slot.open(server, true);
    long started = System.nanoTime();
    try {
      session.client.ping();
      slot.succeeded(Duration.ofNanos(System.nanoTime() - started));
      return session.tools;
    } catch (RuntimeException e) {
      String reason = "ping failed: " + describe(e);
      slot.drop(session, reason);
      throw new McpUnavailableException(server.name(), reason, null, e);
    }
  }

  /** What is known of {@code server}'s session, without connecting. */
  public Status status(Server server) {
    Slot slot = slots.get(key(server));
    return slot == null ? new Status(false, List.of(), null, null, null) : slot.status();
  }

  /** Closes the session with server {@code name} of {@code workspace}, if one is open. */
  public void forget(String workspace, String name) {
    Slot slot = slots.remove(new Key(workspace, name));
    if (slot != null) {
      slot.close();
    }
  }

  /** Closes every session (and so stops the servers started as processes). */
  @Override
  public void close() {
    closed = true;
    slots.values().forEach(Slot::close);
    slots.clear();
  }

  private Slot slot(Server server) throws McpUnavailableException {
    if (closed) {
      throw new McpUnavailableException(server.name(), "AI Spine is shutting down", null, null);
    }
    return slots.computeIfAbsent(key(server), k -> new Slot());
  }

  private static Key key(Server server) {
    return new Key(server.workspaceId(), server.name());
  }

  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return root == e ? message : e.getClass().getSimpleName() + ": " + message;
  }

  private McpSyncClient connect(Server server) {
    Map<String, String> values = new HashMap<>();
    McpClientTransport transport =
        switch (server.endpoint()) {
          case Stdio stdio -> {
            var parameters =
                ServerParameters.builder(stdio.command())
                    .args(stdio.args())
                    .env(resolve(server, stdio.env(), values))
                    .build();
            var stdioTransport = new StdioClientTransport(parameters, json);
            stdioTransport.setStdErrorHandler(
                line -> log.debug("mcp server {}: {}", server.name(), line));
            yield stdioTransport;
          }
          case Http http -> {
            Map<String, String> headers = resolve(server, http.headers(), values);
            URI url = URI.create(http.url());
            HttpRequest.Builder request = HttpRequest.newBuilder();
            headers.forEach(request::header);
            String base = url.getScheme() + "://" + url.getRawAuthority();
            String path =
                url.getRawPath() == null || url.getRawPath().isEmpty() ? "/mcp" : url.getRawPath();
            yield HttpClientStreamableHttpTransport.builder(base)
                .endpoint(path)
                .jsonMapper(json)
                .requestBuilder(request)
                .connectTimeout(server.timeouts().connect())
                .build();
          }
        };
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(server.timeouts().call())
            .initializationTimeout(server.timeouts().connect())
            .clientInfo(new McpSchema.Implementation("aispine", "1.0.0"))
            .build();
    try {
      client.initialize();
      return client;
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  private Map<String, String> resolve(
      Server server, Map<String, String> raw, Map<String, String> values) {
    for (String name : SecretReferences.names(raw)) {
      String value =
          secrets
              .value(server.workspaceId(), name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "MCP server '"
                              + server.name()
                              + "' uses secret '"
                              + name
                              + "', which is not set: set it with 'aispine secrets set "
                              + name
                              + "'"));
      values.put(name, value);
    }
    @SuppressWarnings("unchecked")
    Map<String, String> resolved =
        (Map<String, String>) SecretReferences.substitute(raw, values::get);
    return resolved;
  }

  private static final class Session {
    final McpSyncClient client;
    final Endpoint endpoint;
    final List<McpSchema.Tool> tools;

    Session(McpSyncClient client, Endpoint endpoint, List<McpSchema.Tool> tools) {
      this.client = client;
      this.endpoint = endpoint;
      this.tools = List.copyOf(tools);
    }
  }

  /** One server's session, opened and reopened under its own lock. */
  private final class Slot {
    private Session session;
    private int failures;
    private Instant retryAt;
    private String lastError;
    private Duration latency;

    synchronized Session open(Server server, boolean now) throws McpUnavailableException {
      if (session != null && session.endpoint.equals(server.endpoint())) {
        return session;
      }
      if (session != null) {
        closeQuietly(session); // the server's settings changed: connect anew
        session = null;
      }
      if (!now && retryAt != null && clock.instant().isBefore(retryAt)) {
        throw new McpUnavailableException(
            server.name(),
            "not connected (" + lastError + "); the next attempt is at " + retryAt,
            retryAt,
            null);
      }
      long started = System.nanoTime();
      McpSyncClient client = null;
      try {
        client = connect(server);
        List<McpSchema.Tool> tools = client.listTools().tools();
        session = new Session(client, server.endpoint(), tools == null ? List.of() : tools);
        latency = Duration.ofNanos(System.nanoTime() - started);
        failures = 0;
        retryAt = null;
        log.info("mcp server {} connected: {} tools", server.name(), session.tools.size());
        return session;
      } catch (RuntimeException e) {
        if (client != null) {
          client.close();
        }
        failures++;
        lastError = "connecting failed: " + describe(e);
        retryAt = clock.instant().plus(backoff(failures));
        log.warn("mcp server {}: {}", server.name(), lastError);
        throw new McpUnavailableException(server.name(), lastError, retryAt, e);
      }
    }

    synchronized void succeeded(Duration took) {
      latency = took;
    }

    synchronized void drop(Session dead, String reason) {
      lastError = reason;
      if (session == dead) {
        session = null;
        closeQuietly(dead);
      }
    }

    synchronized Status status() {
      return new Status(
          session != null,
          session == null ? List.of() : session.tools,
          lastError,
          latency,
          retryAt);
    }

    synchronized void close() {
      if (session != null) {
        closeQuietly(session);
        session = null;
      }
    }

    private Duration backoff(int failures) {
      // the first reconnection is immediate-ish, later ones wait longer, up to LONGEST_BACKOFF
      long millis = FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 16);
      return Duration.ofMillis(Math.min(millis, LONGEST_BACKOFF.toMillis()));
    }

    private void closeQuietly(Session s) {
      try {
        s.client.close();
      } catch (RuntimeException e) {
        log.debug("closing an MCP session failed", e);
      }
    }
  }
}
