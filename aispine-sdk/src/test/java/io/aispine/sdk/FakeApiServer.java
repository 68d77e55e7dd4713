package io.aispine.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server that answers with the API's real wire format (JSON, problem+json, SSE), for
 * tests of the SDK's parsing, error handling and stream resumption. Routes are "METHOD /path".
 */
final class FakeApiServer implements AutoCloseable {

  /** What a route does with one request. */
  interface Route {
    void handle(HttpExchange exchange, Recorded request) throws IOException;
  }

  /** One request as the server saw it. */
  record Recorded(
      String method, String path, String query, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  final List<Recorded> requests = new CopyOnWriteArrayList<>();

  FakeApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::dispatch);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  FakeApiServer on(String methodAndPath, Route route) {
    routes.put(methodAndPath, route);
    return this;
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    var uri = exchange.getRequestURI();
    var recorded =
        new Recorded(
            exchange.getRequestMethod(),
            uri.getRawPath(),
            uri.getRawQuery(),
            Map.copyOf(exchange.getRequestHeaders()),
            body);
    requests.add(recorded);
    Route route = routes.get(exchange.getRequestMethod() + " " + uri.getPath());
    try (exchange) {
      if (route == null) {
        problem(exchange, 404, "not-found", "Not found", "no route " + uri.getPath());
      } else {
        route.handle(exchange, recorded);
      }
    }
  }

  static void json(HttpExchange exchange, int status, String json) throws IOException {
    send(exchange, status, "application/json", json);
  }

  static void problem(HttpExchange exchange, int status, String type, String title, String detail)
      throws IOException {
    send(
        exchange,
        status,
        "application/problem+json",
        "{\"type\":\"urn:aispine:problem:"
            + type
            + "\",\"title\":\""
            + title
            + "\",\"status\":"
            + status
            + ",\"detail\":\""
            + detail
            + "\"}");
  }

  static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  /** Starts an SSE answer; write events with {@link #event} and return to end the stream. */
  static OutputStream sse(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    return exchange.getResponseBody();
  }

  /** Writes one execution event as the server does: id, event, and a CloudEvent as data. */
  static void event(OutputStream out, String executionId, long seq, String type, String node)
      throws IOException {
    String data =
        "{\"specversion\":\"1.0\",\"id\":\""
            + executionId
            + ":"
            + seq
            + "\",\"source\":\"/executions/"
            + executionId
            + "\",\"type\":\"io.aispine."
            + type
            + "\",\"time\":\"2026-01-01T00:00:0"
            + (seq % 10)
            + "Z\""
            + (node == null ? "" : ",\"subject\":\"" + node + "\"")
            + ",\"datacontenttype\":\"application/json\",\"data\":{\"seq\":"
            + seq
            + ",\"attempt\":1}}";
    raw(out, "id: " + seq + "\nevent: " + type + "\ndata: " + data + "\n\n");
  }

  static void raw(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
