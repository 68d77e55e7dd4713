package io.aispine.llm.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A model server for tests, benchmarks and the demo that speaks the real wire protocols over real
 * HTTP on loopback: OpenAI chat completions ({@code POST /v1/chat/completions}, with SSE streaming
 * and {@code usage}, {@code GET /v1/models}), Anthropic messages ({@code POST /v1/messages}, with
 * its event stream, {@code GET /v1/models}) and Ollama ({@code POST /api/chat}, NDJSON streaming,
 * {@code GET /api/tags}).
 *
 * <p>Answers are scripted: {@link #script} queues replies, used in order; with none queued it
 * answers {@code echo: <last user message>}. Tokens are counted as words, so tests can predict
 * them. Every request is kept ({@link #requests}) for tests to inspect.
 */
public final class StandInLlm implements AutoCloseable {

  /** One scripted reply: text and tokens, or an HTTP error status. */
  public record Reply(String text, long promptTokens, long completionTokens, int status) {

    /** A reply with {@code text}, tokens counted as words. */
    public static Reply text(String text) {
      return new Reply(text, -1, -1, 200);
    }

    /** A reply with {@code text} and the token counts given. */
    public static Reply text(String text, long promptTokens, long completionTokens) {
      return new Reply(text, promptTokens, completionTokens, 200);
    }

    /** An error answer with {@code status} (503: the provider is down). */
    public static Reply error(int status) {
      return new Reply("", 0, 0, status);
    }
  }

  /**
   * A request the stand-in received.
   *
   * @param path the request path ({@code /v1/chat/completions})
   * @param headers the request headers, names in lower case
   * @param body the JSON body, or null for a GET
   */
  public record Received(String path, Map<String, String> headers, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<Received> requests = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile boolean down;

  private StandInLlm(HttpServer server) {
    this.server = server;
  }

  /** Starts a stand-in on a free loopback port. */
  public static StandInLlm start() {
    try {
      var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      var standIn = new StandInLlm(server);
      server.createContext("/", standIn::handle);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return standIn;
    } catch (IOException e) {
      throw new IllegalStateException("the stand-in model server cannot listen: " + e, e);
    }
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Queues replies, used one per call in order. */
  public StandInLlm script(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** Makes every request fail with 503 ({@code true}) or answer again. */
  public void down(boolean down) {
    this.down = down;
  }

  /** The requests received so far. */
  public List<Received> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      var headers = new java.util.TreeMap<String, String>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
      JsonNode body = null;
      if (exchange.getRequestMethod().equals("POST")) {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        try {
          body = JSON.readTree(bytes);
        } catch (IOException e) {
          send(exchange, 400, error("invalid_request_error", "body is not JSON"));
          return;
        }
      }
      requests.add(new Received(path, headers, body));
      if (down) {
        send(exchange, 503, error("overloaded_error", "the stand-in is down"));
        return;
      }
      switch (exchange.getRequestMethod() + " " + path) {
        case "GET /v1/models" -> send(exchange, 200, models());
        case "GET /api/tags" ->
            send(exchange, 200, JSON.createObjectNode().set("models", JSON.createArrayNode()));
        case "POST /v1/chat/completions", "POST /chat/completions" ->
            new OpenAiWire(this).answer(exchange, body);
        case "POST /v1/messages" -> new AnthropicWire(this).answer(exchange, headers, body);
        case "POST /api/chat" -> new OllamaWire(this).answer(exchange, body);
        default -> send(exchange, 404, error("not_found_error", "no route " + path));
      }
    }
  }

  /** The next reply for a call whose conversation is {@code messages}. */
  Reply next(JsonNode messages) {
    Reply scripted = script.poll();
    String lastUser = "";
    long promptWords = 0;
    for (JsonNode m : messages) {
      String content = m.path("content").asText("");
      promptWords += words(content);
      if (m.path("role").asText().equals("user")) {
        lastUser = content;
      }
    }
    Reply reply = scripted != null ? scripted : Reply.text("echo: " + lastUser);
    if (reply.status() != 200 || reply.promptTokens() >= 0) {
      return reply;
    }
    return new Reply(reply.text(), promptWords, words(reply.text()), 200);
  }

  String id(String prefix) {
    return prefix + ids.incrementAndGet();
  }

  /** The reply's text in the pieces a stream sends: words with their leading space. */
  static List<String> pieces(String text) {
    var pieces = new ArrayList<String>();
    var matcher = java.util.regex.Pattern.compile("\\s*\\S+").matcher(text);
    while (matcher.find()) {
      pieces.add(matcher.group());
    }
    return pieces;
  }

  private static long words(String text) {
    return pieces(text).size();
  }

  static ObjectNode error(String type, String message) {
    ObjectNode error = JSON.createObjectNode();
    error.put("type", "error");
    error.putObject("error").put("type", type).put("message", message);
    return error;
  }

  private static ObjectNode models() {
    ObjectNode list = JSON.createObjectNode();
    list.put("object", "list");
    list.putArray("data").addObject().put("id", "stand-in").put("object", "model");
    return list;
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** Starts a streamed answer (chunked) of {@code contentType}. */
  static OutputStream stream(HttpExchange exchange, String contentType) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    return exchange.getResponseBody();
  }

  /** Writes one piece of a stream and flushes it, so the client sees it at once. */
  static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  static String json(JsonNode node) throws IOException {
    return JSON.writeValueAsString(node);
  }
}
