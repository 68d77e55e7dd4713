package io.aispine.cli.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Serves over stdio exactly what a remote server's {@code /mcp} serves: its tools, resources,
 * resource templates and prompts, each call forwarded with the caller's key through the official
 * SDK's streamable-HTTP client. The server decides everything (approved-only, roles, workspace);
 * its refusals reach the stdio client unchanged.
 */
public final class McpStdioBridge {

  /** How long one forwarded request may take ({@code run_flow} waits up to two minutes). */
  static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(3);

  private McpStdioBridge() {}

  /**
   * Connects to {@code url}'s {@code /mcp} with {@code token}, then serves on {@code in}/{@code
   * out} until {@code in} ends.
   *
   * @throws CliException when the server cannot be reached or refuses the key
   */
  public static void serve(String url, String token, InputStream in, OutputStream out)
      throws InterruptedException {
    if (token == null) {
      throw new CliException(
          ExitCodes.AUTH,
          "no API key for " + url + "; pass --token KEY or set AISPINE_TOKEN (aispine auth)");
    }
    var mapper = new JacksonMcpJsonMapper(new ObjectMapper());
    var transport =
        HttpClientStreamableHttpTransport.builder(url)
            .endpoint("/mcp")
            .jsonMapper(mapper)
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try (McpSyncClient remote =
        McpClient.sync(transport)
            .clientInfo(new McpSchema.Implementation("aispine-mcp-serve", "1"))
            .requestTimeout(REQUEST_TIMEOUT)
            .initializationTimeout(Duration.ofSeconds(20))
            .build()) {
      try {
        remote.initialize();
      } catch (RuntimeException e) {
        throw new CliException(
            ExitCodes.UNREACHABLE,
            "cannot open an MCP session at "
                + url
                + "/mcp: "
                + e.getMessage()
                + "; check --url, the key (--token) and that the server is running");
      }
      var ended = new CountDownLatch(1);
      McpSyncServer local =
          McpServer.sync(new StdioServerTransportProvider(mapper, new EndWatch(in, ended), out))
              .serverInfo(remote.getServerInfo())
              .instructions(remote.getServerInstructions())
              .capabilities(
                  McpSchema.ServerCapabilities.builder()
                      .resources(false, false)
                      .prompts(false)
                      .tools(false)
                      .build())
              .tools(
                  remote.listTools().tools().stream()
                      .map(
                          tool ->
                              SyncToolSpecification.builder()
                                  .tool(tool)
                                  .callHandler((exchange, request) -> remote.callTool(request))
                                  .build())
                      .toList())
              .resources(
                  remote.listResources().resources().stream()
                      .map(
                          resource ->
                              new SyncResourceSpecification(
                                  resource, (exchange, request) -> remote.readResource(request)))
                      .toList())
              .resourceTemplates(
                  remote.listResourceTemplates().resourceTemplates().stream()
                      .map(
                          template ->
                              new SyncResourceTemplateSpecification(
                                  template, (exchange, request) -> remote.readResource(request)))
                      .toList())
              .prompts(
                  remote.listPrompts().prompts().stream()
                      .map(
                          prompt ->
                              new SyncPromptSpecification(
                                  prompt, (exchange, request) -> remote.getPrompt(request)))
                      .toList())
              .build();
      try {
        ended.await();
      } finally {
        local.close();
      }
    }
  }

  /** Counts down when the stdio client closes our stdin: the end of the session. */
  private static final class EndWatch extends FilterInputStream {
    private final CountDownLatch ended;

    EndWatch(InputStream in, CountDownLatch ended) {
      super(in);
      this.ended = ended;
    }

    @Override
    public int read() throws IOException {
      return seen(super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return seen(super.read(b, off, len));
    }

    private int seen(int n) {
      if (n < 0) {
        ended.countDown();
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      ended.countDown();
      super.close();
    }
  }
}
