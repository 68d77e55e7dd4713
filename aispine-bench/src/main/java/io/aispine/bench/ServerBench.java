package io.aispine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.server.AispineServer;
import io.aispine.server.FlowApproval;
import io.aispine.server.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures the server over HTTP on loopback: {@code /health} latency, start-execution latency, the
 * delay from an event's commit to an SSE client, and many SSE clients at once. Usage: {@code
 * ServerBench [--sse-clients N]}. The server runs in this JVM on a fresh SQLite data dir; the
 * clients use the JDK HttpClient over real TCP.
 */
public final class ServerBench {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private ServerBench(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  public static void main(String[] args) throws Exception {
    int sseClients = 1000;
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--sse-clients")) {
        sseClients = Integer.parseInt(args[i + 1]);
      }
    }
    var dir = Files.createTempDirectory("aispine-server-bench-");
    try (var server =
        AispineServer.start(
            new ServerConfig("127.0.0.1", 0, dir, null).withFlowApproval(FlowApproval.SELF))) {
      String token = server.adminKeyCreated().orElseThrow();
      var bench = new ServerBench(URI.create("http://127.0.0.1:" + server.port()), token);
      System.out.printf(
          Locale.ROOT,
          "# server on 127.0.0.1:%d, SQLite at %s, %d cores, Java %s%n",
          server.port(),
          dir,
          Runtime.getRuntime().availableProcessors(),
          Runtime.version());
      bench.deploy();
      bench.health();
      bench.startLatency();
      bench.sseDelivery();
      bench.manySseClients(sseClients);
    }
    System.exit(0);
  }

  private void deploy() throws Exception {
    String yaml =
        """
        id: bench-echo
        version: 1.0.0
        nodes:
          - {id: a, agent: echo, with: {x: 1}}
        """;
    var response =
        http.send(
            request("/api/v1/flows?approve=true")
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException("deploy failed: " + response.body());
    }
  }

  private void health() throws Exception {
    var req = HttpRequest.newBuilder(base.resolve("/health")).GET().build();
    for (int i = 0; i < 5_000; i++) { // warm-up
      http.send(req, HttpResponse.BodyHandlers.discarding());
    }
    long[] nanos = new long[20_000];
    for (int i = 0; i < nanos.length; i++) {
      long t = System.nanoTime();
      http.send(req, HttpResponse.BodyHandlers.discarding());
      nanos[i] = System.nanoTime() - t;
    }
    report("GET /health, 20,000 sequential requests, keep-alive", nanos);
  }

  private void startLatency() throws Exception {
    var req =
        request("/api/v1/flows/bench-echo/executions")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {}}"))
            .build();
    for (int i = 0; i < 500; i++) { // warm-up
      http.send(req, HttpResponse.BodyHandlers.discarding());
    }
    long[] nanos = new long[3_000];
    for (int i = 0; i < nanos.length; i++) {
      long t = System.nanoTime();
      var response = http.send(req, HttpResponse.BodyHandlers.discarding());
      nanos[i] = System.nanoTime() - t;
      if (response.statusCode() != 202) {
        throw new IllegalStateException("start answered " + response.statusCode());
      }
    }
    report("POST start execution (durable, SQLite FULL sync), 3,000 sequential", nanos);
  }

  /** From each event's time (taken just before its commit) to its arrival at an SSE client. */
  private void sseDelivery() throws Exception {
    var delays = new ConcurrentLinkedQueue<Long>();
    var received = new CountDownLatch(1_000);
    var client =
        openStream(
            line -> {
              JsonNode event = JSON.readTree(line);
              if (event.path("data").has("seq") || event.has("time")) {
                Instant at = Instant.parse(event.get("time").asText());
                delays.add(Duration.between(at, Instant.now()).toNanos());
                received.countDown();
              }
            });
    Thread.sleep(300);
    var req =
        request("/api/v1/flows/bench-echo/executions")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {}}"))
            .build();
    for (int i = 0; i < 400 && received.getCount() > 0; i++) {
      http.send(req, HttpResponse.BodyHandlers.discarding());
      Thread.sleep(2); // a steady trickle, not a burst: this measures delivery, not queueing
    }
    received.await(30, TimeUnit.SECONDS);
    client.close();
    long[] nanos = delays.stream().mapToLong(Long::longValue).toArray();
    report("event time -> SSE client (" + nanos.length + " events, global stream)", nanos);
  }

  private void manySseClients(int clients) throws Exception {
    var connected = new CountDownLatch(clients);
    var events = new LongAdder();
    var errors = new AtomicInteger();
    var streams = new ArrayList<AutoCloseable>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var opened = new ConcurrentLinkedQueue<AutoCloseable>();
      for (int i = 0; i < clients; i++) {
        pool.submit(
            () -> {
              try {
                opened.add(
                    openStream(
                        line -> {
                          events.increment();
                        }));
                connected.countDown();
              } catch (Exception e) {
                errors.incrementAndGet();
                connected.countDown();
              }
              return null;
            });
      }
      connected.await(60, TimeUnit.SECONDS);
      streams.addAll(opened);
    }
    var req =
        request("/api/v1/flows/bench-echo/executions")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {}}"))
            .build();
    int executions = 20;
    for (int i = 0; i < executions; i++) {
      http.send(req, HttpResponse.BodyHandlers.discarding());
    }
    // each execution of the one-node flow makes 5 events: started, scheduled, started, completed x2
    long expected = (long) streams.size() * executions * 5;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (events.sum() < expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    for (AutoCloseable s : streams) {
      s.close();
    }
    System.out.printf(
        Locale.ROOT,
        "| %d simultaneous SSE clients | %d connected, %d errors | %d of %d events delivered |%n",
        clients,
        streams.size(),
        errors.get(),
        events.sum(),
        expected);
  }

  @FunctionalInterface
  private interface LineHandler {
    void data(String json) throws Exception;
  }

  /** Opens the global event stream and hands each {@code data:} payload to {@code handler}. */
  private AutoCloseable openStream(LineHandler handler) throws Exception {
    var response =
        http.send(
            request("/api/v1/events/stream").header("Accept", "text/event-stream").GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("stream answered " + response.statusCode());
    }
    InputStream body = response.body();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (var lines =
                      new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                      if (line.startsWith("data:")) {
                        handler.data(line.substring(5).trim());
                      }
                    }
                  } catch (Exception e) {
                    // closed by the benchmark
                  }
                });
    return () -> {
      body.close();
      reader.interrupt();
    };
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(30));
  }

  private static void report(String what, long[] nanos) {
    if (nanos.length == 0) {
      System.out.println("| " + what + " | no samples |");
      return;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "| %s | p50 %.2f ms | p99 %.2f ms | max %.2f ms |%n",
        what,
        at(sorted, 0.50) / 1e6,
        at(sorted, 0.99) / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }

  private static long at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
  }
}
