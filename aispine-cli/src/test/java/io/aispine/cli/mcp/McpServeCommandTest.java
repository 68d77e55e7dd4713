package io.aispine.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.cli.Main;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aispine mcp serve} over real pipes in front of a real server: newline-delimited JSON-RPC
 * in, the server's answers out, drafts refused as at {@code /mcp}.
 */
class McpServeCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HELLO =
      """
      id: hello
      version: 1.0.0
      inputs:
        name: {type: string, required: true}
      nodes:
        - id: greet
          agent: echo
          with: {message: "Hello, ${inputs.name}!"}
      outputs:
        message: "${nodes.greet.output.message}"
      """;

  @TempDir Path dataDir;
  private AispineServer server;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private String key;

  @BeforeEach
  void start() throws Exception {
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    key = server.adminKeyCreated().orElseThrow();
    deploy("/api/v1/flows?approve=true", HELLO);
    deploy("/api/v1/flows", HELLO.replace("1.0.0", "1.1.0"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void serves_the_servers_resources_prompts_and_tools_over_stdio_and_refuses_drafts()
      throws Exception {
    var toBridge = new PipedOutputStream();
    var bridgeIn = new PipedInputStream(toBridge, 1 << 16);
    var bridgeOut = new PipedOutputStream();
    var fromBridge =
        new BufferedReader(
            new InputStreamReader(
                new PipedInputStream(bridgeOut, 1 << 16), StandardCharsets.UTF_8));
    String url = "http://127.0.0.1:" + server.port();
    Thread serving =
        Thread.ofPlatform()
            .name("mcp-serve-under-test")
            .start(
                () -> {
                  try {
                    McpStdioBridge.serve(url, key, bridgeIn, bridgeOut);
                  } catch (Throwable e) {
                    failure.set(e);
                  } finally {
                    // ends the test's reads: an answer missing after this is a failure, not a hang
                    try {
                      bridgeOut.close();
                    } catch (java.io.IOException ignored) {
                      // already closed
                    }
                  }
                });

    JsonNode init =
        ask(
            toBridge,
            fromBridge,
            1,
            "initialize",
            "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"pipe\",\"version\":\"1\"}}");
    send(toBridge, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    JsonNode resources = ask(toBridge, fromBridge, 2, "resources/list", "{}");
    JsonNode draft =
        ask(
            toBridge,
            fromBridge,
            3,
            "prompts/get",
            "{\"name\":\"orch_dispatch\",\"arguments\":{\"approved_id\":\"hello@1.1.0\"}}");
    JsonNode created =
        ask(
            toBridge,
            fromBridge,
            4,
            "tools/call",
            "{\"name\":\"create_run\",\"arguments\":{\"approved_id\":\"hello@1.0.0\","
                + "\"inputs\":{\"name\":\"ada\"}}}");
    toBridge.close();

    assertThat(init.at("/result/serverInfo/name").asText()).isEqualTo("aispine");
    assertThat(resources.at("/result/resources").findValuesAsText("uri"))
        .contains("ops://plan", "ops://approved", "ops://context");
    assertThat(draft.at("/error/message").asText())
        .contains("hello@1.1.0 is a draft")
        .contains("approved flow versions only");
    assertThat(created.at("/result/structuredContent/run_id").asText()).startsWith("ex_");
    serving.join(Duration.ofSeconds(30)); // stdin closed: the bridge ends
    assertThat(serving.isAlive()).isFalse();
    assertThat(failure.get()).isNull();
  }

  @Test
  void is_the_serve_subcommand_of_mcp() {
    var out = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));

    int code = cli.execute("mcp", "serve", "--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("over stdio").contains("--url").contains("--token");
  }

  private JsonNode ask(OutputStream to, BufferedReader from, int id, String method, String params)
      throws Exception {
    send(
        to,
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"method\":\""
            + method
            + "\",\"params\":"
            + params
            + "}");
    while (true) {
      String line = from.readLine();
      if (line == null) {
        throw new AssertionError(
            "the bridge closed stdout before answering " + method, failure.get());
      }
      JsonNode message = JSON.readTree(line);
      if (message.path("id").asInt(-1) == id) {
        return message;
      }
    }
  }

  private static void send(OutputStream to, String line) throws Exception {
    to.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    to.flush();
  }

  private void deploy(String path, String yaml) throws Exception {
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofString(yaml))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }
}
