package io.aispine.server.internal.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.server.internal.auth.BearerAuth;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * AI Spine as an MCP server at {@code /mcp} (streamable HTTP, the official SDK's servlet inside the
 * server's Jetty): the {@code ops://} resources, the dispatch prompts and the run tools, each
 * reaching approved flow versions of the caller's workspace only. The same API keys, roles and
 * workspaces as {@code /api/v1} apply.
 */
public final class McpEndpoint implements AutoCloseable {

  /** Where the endpoint listens. */
  public static final String PATH = "/mcp";

  private final HttpServletStreamableServerTransportProvider transport;
  private final McpSyncServer server;
  private final McpAuthFilter door;

  private McpEndpoint(
      HttpServletStreamableServerTransportProvider transport,
      McpSyncServer server,
      McpAuthFilter door) {
    this.transport = transport;
    this.server = server;
    this.door = door;
  }

  /**
   * Builds the endpoint over the server's parts; {@link #install} mounts it.
   *
   * @param closing true once the server shuts down (new requests get 503)
   */
  public static McpEndpoint create(McpBackend backend, BearerAuth auth, BooleanSupplier closing) {
    var transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
            .mcpEndpoint(PATH)
            .contextExtractor(McpCallers::extract)
            .keepAliveInterval(Duration.ofSeconds(15))
            .build();
    var resources = new OpsResources(backend);
    McpSyncServer server =
        McpServer.sync(transport)
            .serverInfo("aispine", backend.version())
            .instructions(
                "AI Spine runs approved flow versions only. Read ops://plan and ops://approved,"
                    + " then create_run with an approved id (flow@version); drafts are refused.")
            .capabilities(
                McpSchema.ServerCapabilities.builder()
                    .resources(false, false)
                    .prompts(false)
                    .tools(false)
                    .build())
            .resources(resources.resources())
            .resourceTemplates(resources.templates())
            .prompts(new DispatchPrompts(backend).prompts())
            .tools(new RunTools(backend).tools())
            .build();
    return new McpEndpoint(transport, server, new McpAuthFilter(auth, backend.quotas(), closing));
  }

  /** Mounts the endpoint, behind its door, on the server's servlet context. */
  public void install(ServletContextHandler context) {
    var door = new FilterHolder(this.door);
    door.setAsyncSupported(true);
    context.addFilter(door, PATH, EnumSet.of(DispatcherType.REQUEST));
    var servlet = new ServletHolder("mcp", transport);
    // the transport answers streams asynchronously
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, PATH);
  }

  /** Ends the sessions; called before the HTTP server stops. */
  @Override
  public void close() {
    server.closeGracefully();
  }
}
