package io.aispine.server.internal.mcp;

import io.aispine.api.ErrorInfo;
import io.aispine.api.Items;
import io.aispine.api.McpAllowRequest;
import io.aispine.api.McpAllowlist;
import io.aispine.api.McpServer;
import io.aispine.api.McpServerCheck;
import io.aispine.api.McpServerRequest;
import io.aispine.api.McpServerStatus;
import io.aispine.api.McpTool;
import io.aispine.api.Problem;
import io.aispine.mcp.McpRefusedException;
import io.aispine.mcp.McpServerCatalog;
import io.aispine.mcp.McpSessions;
import io.aispine.mcp.McpUnavailableException;
import io.aispine.server.internal.audit.AuditTrail;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.store.AuditTarget;
import io.aispine.store.McpServers;
import io.aispine.store.McpServers.Http;
import io.aispine.store.McpServers.Permission;
import io.aispine.store.McpServers.Server;
import io.aispine.store.McpServers.Stdio;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The MCP servers of the caller's workspace ({@code /api/v1/mcp/servers}): list them with their
 * status, add (only what the workspace's allowlist admits) and remove them, list a server's tools
 * and test that it answers; and the allowlist itself ({@code /api/v1/mcp/allowlist}).
 */
public final class McpRoutes {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  private final McpServerCatalog catalog;
  private final McpServers store;
  private final McpSessions sessions;
  private final InstantSource clock;

  public McpRoutes(
      McpServerCatalog catalog, McpServers store, McpSessions sessions, InstantSource clock) {
    this.catalog = catalog;
    this.store = store;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** Registers the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/api/v1/mcp/servers", this::list);
    routes.post("/api/v1/mcp/servers", this::add);
    routes.get("/api/v1/mcp/servers/{name}", ctx -> Json.write(ctx, 200, view(existing(ctx))));
    routes.delete("/api/v1/mcp/servers/{name}", this::delete);
    routes.get("/api/v1/mcp/servers/{name}/tools", this::tools);
    routes.post("/api/v1/mcp/servers/{name}/test", this::test);
    routes.get("/api/v1/mcp/allowlist", this::allowlist);
    routes.post("/api/v1/mcp/allowlist", this::allow);
    routes.delete("/api/v1/mcp/allowlist", this::disallow);
  }

  private void list(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    List<McpServer> items = catalog.list(workspace(ctx)).stream().map(this::view).toList();
    Json.write(ctx, 200, new Items<>(items));
  }

  private void add(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    McpServerRequest request = RequestBodies.json(ctx, McpServerRequest.class);
    Server server = server(workspace(ctx), request);
    boolean created = store.find(server.workspaceId(), server.name()).isEmpty();
    AuditTrail.within(
        ctx,
        new AuditTarget("mcp_server", server.name()),
        () -> {
          try {
            catalog.add(server);
          } catch (McpRefusedException e) {
            throw new ProblemException(
                Problem.of(403, "mcp-server-refused", "MCP server refused", e.getMessage()));
          }
        });
    if (created) {
      ctx.header("Location", "/api/v1/mcp/servers/" + server.name());
    }
    Json.write(ctx, created ? 201 : 200, view(server));
  }

  private void delete(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    Server server = existing(ctx);
    AuditTrail.within(
        ctx,
        new AuditTarget("mcp_server", server.name()),
        () -> catalog.remove(server.workspaceId(), server.name()));
    ctx.status(204);
  }

  private void tools(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    Server server = existing(ctx);
    try {
      List<McpTool> items =
          sessions.tools(server).stream()
              .map(
                  t ->
                      new McpTool(
                          t.name(),
                          t.description(),
                          t.inputSchema() == null ? Map.of() : t.inputSchema(),
                          server.policy().of(t.name()).wireName()))
              .toList();
      Json.write(ctx, 200, new Items<>(items));
    } catch (McpUnavailableException e) {
      throw new ProblemException(
          Problem.of(
              502,
              "mcp-server-unavailable",
              "MCP server unavailable",
              e.getMessage() + "; 'aispine mcp test " + server.name() + "' tries again now"));
    }
  }

  private void test(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    Server server = existing(ctx);
    long started = System.nanoTime();
    McpServerCheck check;
    try {
      int tools = sessions.check(server).size();
      check =
          new McpServerCheck(
              server.name(), "ok", millisSince(started), tools, null, clock.instant());
    } catch (McpUnavailableException e) {
      check =
          new McpServerCheck(
              server.name(),
              "down",
              millisSince(started),
              0,
              new ErrorInfo("MCP_UNAVAILABLE", e.getMessage(), true),
              clock.instant());
    }
    Json.write(ctx, 200, check);
  }

  private void allowlist(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    Json.write(ctx, 200, new McpAllowlist(store.allowlist(workspace(ctx))));
  }

  private void allow(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    McpAllowRequest request = RequestBodies.json(ctx, McpAllowRequest.class);
    String entry = request.entry() == null ? "" : request.entry().strip();
    if (entry.isEmpty() || entry.equals("*")) {
      throw new ProblemException(
          Problem.badField(
              "/entry",
              "entry must name a command (/usr/bin/node) or a URL (https://mcp.example.com/mcp),"
                  + " or a prefix of one ending in '*'; a lone '*' would admit anything"));
    }
    String workspace = workspace(ctx);
    boolean added =
        AuditTrail.within(
            ctx, new AuditTarget("mcp_allowlist", entry), () -> store.allow(workspace, entry));
    Json.write(ctx, added ? 201 : 200, new McpAllowlist(store.allowlist(workspace)));
  }

  private void disallow(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of("entry"));
    String entry = ctx.queryParam("entry");
    if (entry == null || entry.isBlank()) {
      throw new ProblemException(
          Problem.badParameter("entry", "name the allowlist entry to remove: ?entry=…"));
    }
    String workspace = workspace(ctx);
    boolean removed =
        AuditTrail.within(
            ctx, new AuditTarget("mcp_allowlist", entry), () -> store.disallow(workspace, entry));
    if (!removed) {
      throw new ProblemException(
          Problem.notFound(
              "the allowlist has no entry '"
                  + Printable.clip(entry)
                  + "'; GET /api/v1/mcp/allowlist lists it"));
    }
    ctx.status(204);
  }

  private static String workspace(Context ctx) {
    return Caller.of(ctx).workspace();
  }

  private Server existing(Context ctx) {
    String name = ctx.pathParam("name");
    return store
        .find(workspace(ctx), name)
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.notFound(
                        "no MCP server named '"
                            + Printable.clip(name)
                            + "'; GET /api/v1/mcp/servers lists them")));
  }

  private Server server(String workspace, McpServerRequest r) {
    if (r.name() == null || !NAME.matcher(r.name()).matches()) {
      throw new ProblemException(
          Problem.badField(
              "/name",
              "name must start with a lower-case letter and use only lower-case letters, digits,"
                  + " '_' and '-' (at most 63): flows call it as mcp: NAME/tool"));
    }
    McpServers.Endpoint endpoint;
    if ("stdio".equals(r.transport())) {
      if (r.command() == null || r.command().isBlank() || r.url() != null) {
        throw new ProblemException(
            Problem.badField(
                "/command", "a stdio server needs command (and no url): the program to start"));
      }
      endpoint = new Stdio(r.command(), r.args(), r.env());
    } else if ("http".equals(r.transport())) {
      if (r.url() == null || r.url().isBlank() || r.command() != null) {
        throw new ProblemException(
            Problem.badField(
                "/url", "an http server needs url (and no command): its streamable HTTP endpoint"));
      }
      endpoint = new Http(r.url(), r.headers());
    } else {
      throw new ProblemException(
          Problem.badField(
              "/transport",
              "transport must be stdio or http, got '"
                  + Printable.clip(String.valueOf(r.transport()))
                  + "'"));
    }
    var tools = new LinkedHashMap<String, Permission>();
    if (r.tools() != null) {
      r.tools().forEach((tool, value) -> tools.put(tool, permission("/tools/" + tool, value)));
    }
    Permission others =
        r.otherTools() == null ? Permission.ALLOW : permission("/other_tools", r.otherTools());
    var timeouts =
        new McpServers.Timeouts(
            r.connectTimeoutSeconds() == null
                ? McpServers.Timeouts.DEFAULT.connect()
                : Duration.ofSeconds(r.connectTimeoutSeconds()),
            r.callTimeoutSeconds() == null
                ? McpServers.Timeouts.DEFAULT.call()
                : Duration.ofSeconds(r.callTimeoutSeconds()));
    return new Server(
        workspace,
        r.name(),
        endpoint,
        timeouts,
        new McpServers.ToolPolicy(tools, others),
        clock.instant());
  }

  private static Permission permission(String pointer, String value) {
    return Permission.of(value)
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.badField(
                        pointer,
                        "permission must be allow, deny or approval, got '"
                            + Printable.clip(value)
                            + "'")));
  }

  private McpServer view(Server server) {
    McpSessions.Status status = sessions.status(server);
    var tools = new LinkedHashMap<String, String>();
    server.policy().tools().forEach((tool, p) -> tools.put(tool, p.wireName()));
    var statusView =
        new McpServerStatus(
            status.connected(),
            status.tools().size(),
            status.lastError(),
            status.latency() == null ? null : status.latency().toMillis(),
            status.retryAt());
    return switch (server.endpoint()) {
      case Stdio stdio ->
          new McpServer(
              server.name(),
              "stdio",
              stdio.command(),
              stdio.args(),
              null,
              stdio.env().keySet().stream().sorted().toList(),
              List.of(),
              server.timeouts().connect().toSeconds(),
              server.timeouts().call().toSeconds(),
              tools,
              server.policy().others().wireName(),
              statusView,
              server.createdAt());
      case Http http ->
          new McpServer(
              server.name(),
              "http",
              null,
              List.of(),
              http.url(),
              List.of(),
              http.headers().keySet().stream().sorted().toList(),
              server.timeouts().connect().toSeconds(),
              server.timeouts().call().toSeconds(),
              tools,
              server.policy().others().wireName(),
              statusView,
              server.createdAt());
    };
  }

  private static long millisSince(long started) {
    return Duration.ofNanos(System.nanoTime() - started).toMillis();
  }
}
