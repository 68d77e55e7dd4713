package io.aispine.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads a server-sent events stream on a background thread, one message at a time. */
final class SseReader implements AutoCloseable {

  /** One SSE message. */
  record Message(String id, String event, JsonNode data) {}

  private static final Message END = new Message(null, null, null);

  private final HttpResponse<Stream<String>> response;
  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  private final Thread reader;

  private SseReader(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = Thread.ofVirtual().start(this::read);
  }

  /** Opens {@code path} on {@code api} as an event stream, resuming after {@code lastEventId}. */
  static SseReader open(Api api, String path, String lastEventId) throws Exception {
    var request =
        api.request(path)
            .timeout(java.time.Duration.ofMinutes(2))
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    var response = Api.CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      throw new AssertionError("stream answered " + response.statusCode());
    }
    return new SseReader(response);
  }

  HttpResponse<Stream<String>> response() {
    return response;
  }

  /** The next message, or null when the stream ended; fails after 10 s without one. */
  Message next() throws InterruptedException {
    Message message = messages.poll(10, TimeUnit.SECONDS);
    if (message == null) {
      throw new AssertionError("no event within 10 s");
    }
    return message == END ? null : message;
  }

  /** Every message until the server ends the stream. */
  List<Message> rest() throws InterruptedException {
    List<Message> all = new ArrayList<>();
    for (Message m = next(); m != null; m = next()) {
      all.add(m);
    }
    return all;
  }

  private void read() {
    String id = null;
    String event = null;
    StringBuilder data = new StringBuilder();
    try {
      Iterator<String> lines = response.body().iterator();
      while (lines.hasNext()) {
        String line = lines.next();
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            messages.add(new Message(id, event, Api.JSON.readTree(data.toString())));
          }
          id = null;
          event = null;
          data.setLength(0);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (IOException | RuntimeException e) {
      // closed by the test or by the server
    } finally {
      messages.add(END);
    }
  }

  @Override
  public void close() {
    response.body().close();
    reader.interrupt();
  }
}
