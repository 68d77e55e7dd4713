package io.aispine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.aispine.agent.BuiltinAgents;
import io.aispine.engine.EngineOptions;
import io.aispine.engine.runtime.DurableEngine;
import io.aispine.flow.Flow;
import io.aispine.flow.FlowParser;
import io.aispine.server.AispineServer;
import io.aispine.server.FlowApproval;
import io.aispine.server.ServerConfig;
import io.aispine.store.WebhookStore;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outbound webhooks: {@code WebhookBench delivery [--executions N]} runs the server with one
 * subscription to every event and a receiver on loopback, starts N executions of the 10-step chain
 * and reports events delivered per second and the delay from each event's time (taken just before
 * its commit) to its arrival; {@code WebhookBench outbox [--executions N] [--rounds R]} runs the
 * chain on the engine alone, on fresh SQLite stores, alternately without and with a subscription
 * (no dispatcher: what is measured is the outbox rows written in each commit).
 */
public final class WebhookBench {

  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookBench() {}

  public static void main(String[] args) throws Exception {
    String part = args.length > 0 ? args[0] : "delivery";
    System.out.printf(
        Locale.ROOT,
        "# webhooks %s, %d cores, Java %s, load average %s%n",
        part,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        loadAverage());
    switch (part) {
      case "delivery" -> delivery(intOption(args, "--executions", 300));
      case "outbox" ->
          outbox(intOption(args, "--executions", 2_000), intOption(args, "--rounds", 3));
      default ->
          throw new IllegalArgumentException("usage: WebhookBench delivery|outbox [options]");
    }
    System.out.printf(Locale.ROOT, "# load average after: %s%n", loadAverage());
    System.exit(0);
  }

  private static void delivery(int executions) throws Exception {
    var delays = new ConcurrentLinkedQueue<Long>();
    var first = new AtomicLong();
    var last = new AtomicLong();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    receiver.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          long now = System.nanoTime();
          Instant at = Instant.parse(JSON.readTree(body).get("time").asText());
          delays.add(Duration.between(at, Instant.now()).toNanos());
          first.compareAndSet(0, now);
          last.set(now);
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    var dir = Files.createTempDirectory("aispine-webhook-bench-");
    try (var server =
        AispineServer.start(
            new ServerConfig("127.0.0.1", 0, dir, null).withFlowApproval(FlowApproval.SELF))) {
      var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI base = URI.create("http://127.0.0.1:" + server.port());
      String token = server.adminKeyCreated().orElseThrow();
      send(
          http,
          base,
          token,
          "/api/v1/webhooks",
          "application/json",
          "{\"url\": \"http://127.0.0.1:"
              + receiver.getAddress().getPort()
              + "/hook\", \"event_types\": [\"*\"]}");
      send(
          http,
          base,
          token,
          "/api/v1/flows?approve=true",
          "application/yaml",
          resource("chain10.yaml"));
      // a steady load of starts, 16 in flight at a time
      var inFlight = new Semaphore(16);
      long began = System.nanoTime();
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < executions; i++) {
          inFlight.acquire();
          pool.submit(
              () -> {
                try {
                  send(
                      http,
                      base,
                      token,
                      "/api/v1/flows/bench-chain10/executions",
                      "application/json",
                      "{\"inputs\": {}}");
                } finally {
                  inFlight.release();
                }
                return null;
              });
        }
      }
      // each execution: started, 10 x (scheduled, started, completed), completed
      long expected = (long) executions * 32;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (delays.size() < expected && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      double seconds = (last.get() - first.get()) / 1e9;
      long[] nanos = delays.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(nanos);
      System.out.printf(
          Locale.ROOT,
          "| webhooks, 10-step chain x %d, 1 subscription to * | %d of %d events delivered in %.2f s"
              + " | %.0f events/s | delay from event time p50 %.1f ms, p99 %.1f ms, max %.1f ms |"
              + " wall from first start %.2f s |%n",
          executions,
          nanos.length,
          expected,
          seconds,
          nanos.length / seconds,
          pct(nanos, 0.5),
          pct(nanos, 0.99),
          nanos[nanos.length - 1] / 1e6,
          (System.nanoTime() - began) / 1e9);
    } finally {
      receiver.stop(0);
    }
  }

  private static void outbox(int executions, int rounds) throws Exception {
    Flow flow = FlowParser.parse(resource("chain10.yaml"), "chain10.yaml");
    List<String> rows = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      for (boolean subscribed : List.of(false, true)) {
        try (var bench = BenchStore.open("sqlite");
            var engine =
                DurableEngine.create(
                    bench.store(), BuiltinAgents.load(), EngineOptions.defaults())) {
          if (subscribed) {
            bench
                .store()
                .webhooks()
                .create(
                    new WebhookStore.Subscription(
                        "wh_bench",
                        "default",
                        "http://127.0.0.1:9/hook",
                        List.of("*"),
                        null,
                        true,
                        null,
                        null,
                        Instant.now()));
          }
          LoadRun.run(engine, flow, Math.min(300, executions), 500, Duration.ofMinutes(5));
          var r = LoadRun.run(engine, flow, executions, 500, Duration.ofMinutes(10));
          rows.add(
              String.format(
                  Locale.ROOT,
                  "| round %d | %s | %.0f executions/s | %.0f node transitions/s | %d failed |",
                  round + 1,
                  subscribed ? "1 subscription to *" : "no subscription",
                  r.executionsPerSecond(),
                  r.nodeTransitionsPerSecond(),
                  r.failed()));
          System.out.println(rows.getLast());
        }
      }
    }
  }

  private static void send(
      HttpClient http, URI base, String token, String path, String type, String body)
      throws Exception {
    var response =
        http.send(
            HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          path + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = WebhookBench.class.getResourceAsStream("/bench/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static double pct(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }

  private static String loadAverage() {
    try {
      return Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static int intOption(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
