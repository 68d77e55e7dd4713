package io.aispine.agents.remote;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A minimal agent written without our server, as someone in another stack would: it records the
 * last request and answers {@code /execute} with a canned status and body.
 */
final class HandWrittenAgent implements AutoCloseable {

  /** What the agent received. */
  record Received(Headers headers, byte[] body) {
    String header(String name) {
      return headers.getFirst(name);
    }
  }

  private final HttpServer server;
  private final AtomicReference<Received> last = new AtomicReference<>();
  private volatile int status = 200;
  private volatile String body = "{\"status\":\"success\",\"output\":{}}";

  HandWrittenAgent() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/execute",
        exchange -> {
          last.set(
              new Received(exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
          byte[] answer = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  /** Answers with {@code status} and {@code body} from now on. */
  HandWrittenAgent answer(int status, String body) {
    this.status = status;
    this.body = body;
    return this;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  Received last() {
    return last.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
