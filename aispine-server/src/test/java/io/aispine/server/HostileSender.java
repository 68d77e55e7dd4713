package io.aispine.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * Sends {@link HostileRequest}s to a server on loopback: through the JDK client when it accepts the
 * request, else as bytes on a socket. An event stream is hung up on once its headers arrive.
 */
final class HostileSender {

  /** What came back; {@code status} 0 when the server closed the connection without an answer. */
  record Answer(int status, String contentType, String body) {}

  /** No answer within the timeout. */
  static final class Hang extends Exception {
    Hang(String message) {
      super(message);
    }
  }

  private final int port;
  private final Duration timeout;
  private final HttpClient client;

  HostileSender(int port, Duration timeout) {
    this.port = port;
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
  }

  Answer send(HostileRequest request) throws Hang, IOException, InterruptedException {
    if (request.raw() != null) {
      return sendRaw(request.raw());
    }
    HttpRequest http;
    try {
      http = toHttp(request);
    } catch (IllegalArgumentException e) {
      // a target, method or header the JDK client refuses to send: write it ourselves
      return sendRaw(toBytes(request));
    }
    // No retry on a failed exchange: a connection closed after an answer that did not say
    // "Connection: close" fails the next request on it, and that is the server's bug to find.
    return exchange(http);
  }

  private Answer exchange(HttpRequest http) throws Hang, IOException, InterruptedException {
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(http, HostileSender::body);
    try {
      HttpResponse<byte[]> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          new String(decoded(response), StandardCharsets.UTF_8));
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new Hang("no answer within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      throw new IOException(e.getCause());
    }
  }

  /** The body, unzipped when the server compressed it (requests may accept gzip). */
  private static byte[] decoded(HttpResponse<byte[]> response) throws IOException {
    String encoding = response.headers().firstValue("Content-Encoding").orElse("");
    if (!encoding.equalsIgnoreCase("gzip") || response.body().length == 0) {
      return response.body();
    }
    try (var in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      return in.readAllBytes();
    }
  }

  private HttpRequest toHttp(HostileRequest request) {
    var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.target()));
    builder.timeout(timeout);
    for (String[] header : request.headers()) {
      builder.header(header[0], header[1]);
    }
    HttpRequest.BodyPublisher body;
    if (request.body() == null) {
      body = HttpRequest.BodyPublishers.noBody();
    } else if (request.chunked()) {
      byte[] bytes = request.body();
      body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    } else {
      body = HttpRequest.BodyPublishers.ofByteArray(request.body());
    }
    return builder.method(request.method(), body).build();
  }

  private static byte[] toBytes(HostileRequest request) {
    StringBuilder head = new StringBuilder();
    head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1\r\n");
    for (String[] header : request.headers()) {
      head.append(header[0]).append(": ").append(header[1]).append("\r\n");
    }
    byte[] body = request.body() == null ? new byte[0] : request.body();
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    var bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(body);
    return bytes.toByteArray();
  }

  private Answer sendRaw(byte[] bytes) throws Hang, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) timeout.toMillis());
      try {
        socket.getOutputStream().write(bytes);
        socket.shutdownOutput();
      } catch (IOException e) {
        // the server may refuse and close before reading everything: read what it said
      }
      return read(socket.getInputStream(), deadline);
    } catch (SocketTimeoutException e) {
      throw new Hang("no end of the raw answer within " + timeout.toSeconds() + " s");
    }
  }

  /**
   * The first answer on a raw connection: its head, then as much body as it declares, or up to the
   * end of the connection; an event stream is left once its head is read.
   */
  private Answer read(InputStream in, long deadline) throws Hang, IOException {
    var received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) > 0; ) {
        received.write(buffer, 0, n);
        Answer answer = parse(received.toString(StandardCharsets.ISO_8859_1));
        if (answer != null) {
          return answer;
        }
        if (System.nanoTime() > deadline) {
          throw new Hang("the raw answer was still coming after " + timeout.toSeconds() + " s");
        }
      }
    } catch (java.net.SocketException e) {
      // reset after the answer: keep what was read
    }
    String raw = received.toString(StandardCharsets.ISO_8859_1);
    Answer answer = parse(raw);
    return answer != null ? answer : partial(raw);
  }

  /** The answer once its head and declared body are complete, else null. */
  private static Answer parse(String received) {
    String raw = finalAnswer(received);
    int end = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/") || end < 0) {
      return null;
    }
    String[] lines = raw.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    String type = header(lines, "content-type");
    String length = header(lines, "content-length");
    String body = raw.substring(end + 4);
    if (type.startsWith("text/event-stream")) {
      return new Answer(status, type, "");
    }
    if (!length.isEmpty() && body.length() >= Integer.parseInt(length)) {
      return new Answer(status, type, body.substring(0, Integer.parseInt(length)));
    }
    return null;
  }

  /** The text from the final answer on: interim 1xx answers (100 Continue) skipped. */
  private static String finalAnswer(String raw) {
    String rest = raw;
    while (rest.matches("(?s)HTTP/1\\.\\d 1\\d\\d.*") && rest.contains("\r\n\r\n")) {
      rest = rest.substring(rest.indexOf("\r\n\r\n") + 4);
    }
    return rest;
  }

  /** What a connection that ended gave: an answer without a declared length, or none. */
  private static Answer partial(String received) {
    String raw = finalAnswer(received);
    int end = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/") || end < 0) {
      return new Answer(0, "", raw);
    }
    String[] lines = raw.substring(0, end).split("\r\n");
    return new Answer(
        Integer.parseInt(lines[0].split(" ")[1]),
        header(lines, "content-type"),
        raw.substring(end + 4));
  }

  private static String header(String[] lines, String name) {
    for (String line : lines) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith(name + ":")) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return "";
  }

  /** The whole body, except for an event stream: hung up on, its body read as empty. */
  private static HttpResponse.BodySubscriber<byte[]> body(HttpResponse.ResponseInfo info) {
    boolean stream =
        info.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
    return stream ? new HangUp() : HttpResponse.BodySubscribers.ofByteArray();
  }

  /** Cancels the body at once, which closes the connection. */
  private static final class HangUp implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.cancel();
      body.complete(new byte[0]);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {}

    @Override
    public void onError(Throwable throwable) {
      body.complete(new byte[0]);
    }

    @Override
    public void onComplete() {
      body.complete(new byte[0]);
    }
  }
}
