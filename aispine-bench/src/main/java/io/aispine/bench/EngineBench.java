package io.aispine.bench;

import io.aispine.agent.BuiltinAgents;
import io.aispine.engine.EngineOptions;
import io.aispine.engine.runtime.DurableEngine;
import io.aispine.execution.NodeRun;
import io.aispine.flow.Flow;
import io.aispine.flow.FlowParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The engine load generator. Usage: {@code EngineBench SCENARIO [STORE] [--executions N]
 * [--in-flight N] [--items N]} with SCENARIO one of {@code chain}, {@code parallel}, {@code
 * fanout}, {@code foreach} and STORE {@code sqlite} (default) or {@code postgresql}. Prints a
 * Markdown table row per result.
 */
public final class EngineBench {

  private EngineBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(
          "usage: EngineBench chain|parallel|fanout|foreach [sqlite|postgresql] [--executions N] [--in-flight N]"
              + " [--clients N] [--items N]");
      System.exit(2);
    }
    String scenario = args[0];
    String storeKind = args.length > 1 && !args[1].startsWith("--") ? args[1] : "sqlite";
    int executions = intOption(args, "--executions", scenario.equals("fanout") ? 10_000 : 5_000);
    int inFlight = intOption(args, "--in-flight", scenario.equals("fanout") ? executions : 500);
    System.out.printf(
        Locale.ROOT,
        "# %s on %s, %d cores, Java %s%n",
        scenario,
        storeKind,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    try (var bench = BenchStore.open(storeKind);
        var engine =
            DurableEngine.create(bench.store(), BuiltinAgents.load(), EngineOptions.defaults())) {
      System.out.println("# store: " + bench.description());
      switch (scenario) {
        case "chain" -> {
          int clients = intOption(args, "--clients", 0);
          if (clients > 0) {
            chainClients(engine, executions, clients);
          } else {
            chain(engine, executions, inFlight);
          }
        }
        case "parallel" -> parallel(engine);
        case "fanout" -> fanout(engine, executions, inFlight);
        case "foreach" -> foreach(engine, intOption(args, "--items", 10_000));
        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
      }
    }
    System.exit(0);
  }

  private static void chain(DurableEngine engine, int executions, int inFlight) throws Exception {
    Flow flow = flow("chain10.yaml");
    LoadRun.run(
        engine, flow, Math.min(500, executions), inFlight, Duration.ofMinutes(5)); // warm-up
    var r = LoadRun.run(engine, flow, executions, inFlight, Duration.ofMinutes(10));
    System.out.printf(
        Locale.ROOT,
        "| 10-step echo chain | %d executions, %d in flight | %.0f executions/s | %.0f node transitions/s | %d failed | %.2f s |%n",
        r.executions(),
        inFlight,
        r.executionsPerSecond(),
        r.nodeTransitionsPerSecond(),
        r.failed(),
        r.seconds());
  }

  /** The chain through synchronous clients: what one caller waits, what N callers get. */
  private static void chainClients(DurableEngine engine, int executions, int clients)
      throws Exception {
    Flow flow = flow("chain10.yaml");
    ClientRun.run(engine, flow, clients, Math.min(300, executions), Duration.ofMinutes(5));
    var r = ClientRun.run(engine, flow, clients, executions, Duration.ofMinutes(10));
    System.out.printf(
        Locale.ROOT,
        "| 10-step echo chain | %d executions, %d client(s) | %.0f steps/s | %.0f node transitions/s"
            + " | per execution p50 %.2f ms, p99 %.2f ms | start p50 %.2f ms, p99 %.2f ms"
            + " | %d failed | %.2f s |%n",
        r.executions(),
        clients,
        r.stepsPerSecond(),
        r.transitionsPerSecond(),
        r.executionMillis(0.5),
        r.executionMillis(0.99),
        r.startMillis(0.5),
        r.startMillis(0.99),
        r.failed(),
        r.seconds());
  }

  private static void fanout(DurableEngine engine, int executions, int inFlight) throws Exception {
    Flow flow = flow("sleep1s.yaml");
    LoadRun.run(engine, flow, 200, 200, Duration.ofMinutes(2)); // warm-up
    var r = LoadRun.run(engine, flow, executions, inFlight, Duration.ofMinutes(10));
    System.out.printf(
        Locale.ROOT,
        "| %d concurrent executions of a 1 s sleep | wall %.2f s | peak heap %d MiB | %d failed |%n",
        executions,
        r.seconds(),
        r.peakHeapBytes() / (1024 * 1024),
        r.failed());
  }

  /**
   * One execution whose foreach runs a 50 ms sleep for each of {@code items} items, 200 at a time:
   * the ideal wall time is items / 200 × 50 ms.
   */
  private static void foreach(DurableEngine engine, int items) throws Exception {
    Flow flow = flow("foreach.yaml");
    var list = java.util.stream.IntStream.range(0, items).boxed().toList();
    engine.await(engine.start(flow, Map.of("items", list.subList(0, 400))), Duration.ofMinutes(2));
    var heap = new PeakHeap();
    heap.reset();
    var before = engine.commitStats();
    long began = System.nanoTime();
    var done = engine.await(engine.start(flow, Map.of("items", list)), Duration.ofMinutes(10));
    double seconds = (System.nanoTime() - began) / 1e9;
    var after = engine.commitStats();
    long batches = after.batches() - before.batches();
    System.out.printf(
        Locale.ROOT,
        "# %d batches, %.1f facts per batch, %.1f ms in the store per batch%n",
        batches,
        (after.facts() - before.facts()) / (double) batches,
        after.inStore().minus(before.inStore()).toNanos() / 1e6 / batches);
    System.out.printf(
        Locale.ROOT,
        "| foreach over %d items, max_concurrency 200, 50 ms sleep body | %s | wall %.2f s (ideal"
            + " %.2f s) | peak heap %d MiB |%n",
        items,
        done.status().wireName(),
        seconds,
        items / 200.0 * 0.05,
        heap.peakBytes() / (1024 * 1024));
  }

  private static void parallel(DurableEngine engine) throws Exception {
    Flow parallel = flow("parallel3.yaml");
    Flow sequential = flow("sequential3.yaml");
    for (int i = 0; i < 5; i++) { // warm-up
      span(engine, parallel);
    }
    var p = new ArrayList<Long>();
    var s = new ArrayList<Long>();
    for (int i = 0; i < 30; i++) {
      p.add(span(engine, parallel));
      s.add(span(engine, sequential));
    }
    Collections.sort(p);
    Collections.sort(s);
    System.out.printf(
        Locale.ROOT,
        "| three 200 ms sleeps | parallel span p50 %d ms, max %d ms | sequential span p50 %d ms, min %d ms | reduction %.0f %% |%n",
        p.get(p.size() / 2),
        p.get(p.size() - 1),
        s.get(s.size() / 2),
        s.get(0),
        100.0 * (1 - (double) p.get(p.size() / 2) / s.get(s.size() / 2)));
  }

  /** Milliseconds from the first node's start to the last node's end, from the attempt records. */
  private static long span(DurableEngine engine, Flow flow) throws Exception {
    String id = engine.start(flow, Map.of());
    engine.await(id, Duration.ofSeconds(30));
    List<NodeRun> runs = engine.runs(id);
    Instant first = runs.stream().map(NodeRun::startedAt).min(Instant::compareTo).orElseThrow();
    Instant last = runs.stream().map(NodeRun::finishedAt).max(Instant::compareTo).orElseThrow();
    return Duration.between(first, last).toMillis();
  }

  private static Flow flow(String name) throws IOException {
    try (InputStream in = EngineBench.class.getResourceAsStream("/bench/" + name)) {
      return FlowParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
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
