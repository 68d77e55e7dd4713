package io.aispine.server;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;

/** The official SDK's client over real streamable HTTP to a test server's {@code /mcp}. */
final class McpClients {

  private McpClients() {}

  /** An initialized client sending {@code key}; close it. */
  static McpSyncClient connect(int port, String key) {
    var transport =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
            .endpoint("/mcp")
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key))
            .build();
    McpSyncClient client =
        McpClient.sync(transport)
            .clientInfo(new McpSchema.Implementation("aispine-test", "1"))
            .requestTimeout(Duration.ofSeconds(20))
            .build();
    client.initialize();
    return client;
  }
}
