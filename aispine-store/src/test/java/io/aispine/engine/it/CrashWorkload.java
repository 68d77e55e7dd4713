package io.aispine.engine.it;

import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.engine.EngineOptions;
import io.aispine.engine.runtime.DurableEngine;
import io.aispine.flow.Flow;
import io.aispine.flow.FlowParser;
import io.aispine.store.StoredFlow;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process {@link CrashRecoveryContract} kills: opens the store, resumes whatever a killed
 * predecessor left, starts executions until the store holds {@code total} of them, and prints
 * {@code DONE} once every execution has ended. Prints {@code READY} when the engine runs and {@code
 * WORKING} when its first agent call is made, the moment from which a kill hits work.
 *
 * <p>Beside the normal executions it starts hostile neighbours that must harm nobody but
 * themselves: {@link #POISON} (a node input that would be a two-billion-element range), {@link
 * #HEAVY} (an agent answering more than a node's output may weigh) and {@link #COIN} (an agent that
 * fails at random, retried).
 *
 * <p>Usage: {@code CrashWorkload <dataDir or JDBC URL> <total>}
 */
public final class CrashWorkload {

  static final String FLOW =
      """
      id: crash
      version: 1.0.0
      inputs:
        n: {type: integer, required: true}
        xs: {type: array, default: [1, 2, 3, 4]}
      nodes:
        - {id: fetch, agent: sleep, with: {ms: 15}}
        - id: left
          agent: flaky
          needs: fetch
          retry: {max_attempts: 3, backoff: fixed, initial: 30ms, jitter: none}
        - {id: right, agent: sleep, needs: fetch, with: {ms: 25}}
        - {id: pause, type: wait, needs: fetch, duration: 100ms}
        - id: rounds
          type: loop
          needs: fetch
          max_iterations: 3
          body:
            - {id: step, agent: sleep, with: {ms: 10}}
        - id: items
          type: foreach
          needs: fetch
          items: "${inputs.xs}"
          max_concurrency: 2
          body:
            - {id: work, agent: sleep, with: {ms: 10}}
        - id: race
          type: fork
          needs: fetch
          branches:
            quick: [{id: q, agent: sleep, with: {ms: 5}}]
            slow: [{id: s, agent: sleep, with: {ms: 5000}}]
          join: {strategy: first}
        - {id: child, type: subflow, needs: fetch, flow: crash-child, with: {n: "${inputs.n}"}}
        - id: join
          agent: echo
          needs: [left, right, pause, rounds, items, race, child]
          with: {n: "${nodes.child.output.outputs.n}"}
      outputs:
        n: "${nodes.join.output.n}"
      """;

  /** The flow every execution of {@link #FLOW} runs as a child. */
  static final String CHILD =
      """
      id: crash-child
      version: 1.0.0
      inputs:
        n: {type: integer, required: true}
      nodes:
        - {id: a, agent: sleep, with: {ms: 20}}
        - {id: b, agent: echo, needs: a, with: {n: "${inputs.n}"}}
      outputs:
        n: "${nodes.b.output.n}"
      """;

  /** Node {@code b}'s input is a range of {@code inputs.n} elements: far over any bound. */
  static final String POISON =
      """
      id: poison
      version: 1.0.0
      inputs:
        n: {type: integer, required: true}
      nodes:
        - {id: a, agent: sleep, with: {ms: 20}}
        - {id: b, agent: echo, needs: a, with: {v: "${1..inputs.n}"}}
      """;

  /** Node {@code big} answers {@link #HEAVY_BYTES} of text, over the default payload bound. */
  static final String HEAVY =
      """
      id: heavy
      version: 1.0.0
      nodes:
        - {id: big, agent: big}
        - {id: after, agent: echo, needs: big, with: {v: 1}}
      """;

  static final int HEAVY_BYTES = 8 * 1024 * 1024;

  /** Node {@code toss} fails half of its attempts at random; three attempts, so some fail. */
  static final String COIN =
      """
      id: coin
      version: 1.0.0
      nodes:
        - id: toss
          agent: coin
          retry: {max_attempts: 3, backoff: fixed, initial: 20ms, jitter: none}
        - {id: after, agent: echo, needs: toss, with: {v: 1}}
      """;

  /** How many executions of each hostile flow run beside {@code total} normal ones. */
  static final int POISONS = 20;

  static final int HEAVIES = 6;
  static final int COINS = 40;

  /**
   * Every node instance of {@link #FLOW} that completes (the slow branch of the race is cancelled).
   */
  static final String[] NODES = {
    "fetch",
    "left",
    "right",
    "pause",
    "rounds",
    "rounds/1/step",
    "rounds/2/step",
    "rounds/3/step",
    "items",
    "items/0/work",
    "items/1/work",
    "items/2/work",
    "items/3/work",
    "race",
    "race/quick/q",
    "child",
    "join"
  };

  /** Every node of {@link #CHILD}. */
  static final String[] CHILD_NODES = {"a", "b"};

  private CrashWorkload() {}

  public static void main(String[] args) throws Exception {
    String storeLocation = args[0];
    int total = Integer.parseInt(args[1]);
    Flow flow = FlowParser.parse(FLOW, "crash.yaml");
    var agents =
        new TestAgents()
            .with(
                "sleep",
                call -> {
                  announceWork();
                  Thread.sleep(((Number) call.inputMap().get("ms")).longValue());
                  return AgentResult.success(Map.of("slept", true));
                })
            .with(
                "flaky",
                call -> {
                  if (call.attempt() == 1) {
                    throw new AgentException.Retryable("FLAKY", "first attempts always fail");
                  }
                  return AgentResult.success(Map.of("attempt", call.attempt()));
                })
            .with("big", call -> AgentResult.success(Map.of("text", "x".repeat(HEAVY_BYTES))))
            .with(
                "coin",
                call -> {
                  if (java.util.concurrent.ThreadLocalRandom.current().nextBoolean()) {
                    throw new AgentException.Retryable("COIN", "tails");
                  }
                  return AgentResult.success(Map.of("attempt", call.attempt()));
                });
    try (var store = openStore(storeLocation);
        var engine = DurableEngine.create(store, agents, EngineOptions.defaults())) {
      Flow child = FlowParser.parse(CHILD, "crash-child.yaml");
      store
          .flows()
          .save(
              new StoredFlow(
                  child.id(), child.version().text(), child.source(), java.time.Instant.now()));
      System.out.println("READY");
      System.out.flush();
      long began = System.nanoTime();
      var hostile = new ArrayList<Thread>();
      hostile.add(
          Thread.ofVirtual()
              .start(
                  () ->
                      startUpTo(
                          POISONS,
                          store,
                          engine,
                          FlowParser.parse(POISON, "poison.yaml"),
                          n -> Map.of("n", 2_000_000_000))));
      hostile.add(
          Thread.ofVirtual()
              .start(
                  () ->
                      startUpTo(
                          HEAVIES,
                          store,
                          engine,
                          FlowParser.parse(HEAVY, "heavy.yaml"),
                          n -> Map.of())));
      hostile.add(
          Thread.ofVirtual()
              .start(
                  () ->
                      startUpTo(
                          COINS,
                          store,
                          engine,
                          FlowParser.parse(COIN, "coin.yaml"),
                          n -> Map.of())));
      startUpTo(total, store, engine, flow, n -> Map.of("n", n));
      for (Thread thread : hostile) {
        thread.join();
      }
      System.err.printf(
          "all %d executions started after %d ms%n",
          total, (System.nanoTime() - began) / 1_000_000);
      while (!store.executions().findActive().isEmpty()) {
        Thread.sleep(50);
      }
      System.out.println("DONE");
      System.out.flush();
    }
  }

  private static final java.util.concurrent.atomic.AtomicBoolean WORKING =
      new java.util.concurrent.atomic.AtomicBoolean();

  private static void announceWork() {
    if (WORKING.compareAndSet(false, true)) {
      System.out.println("WORKING");
      System.out.flush();
    }
  }

  /** Opens the store at a JDBC URL ({@code jdbc:…}) or in a data dir. */
  static JdbcStore openStore(String location) {
    return location.startsWith("jdbc:")
        ? JdbcStore.open(location)
        : JdbcStore.openDataDir(Path.of(location));
  }

  /**
   * Starts executions from a few threads (so commits group) until the store holds {@code total}.
   */
  private static void startUpTo(
      int total,
      JdbcStore store,
      DurableEngine engine,
      Flow flow,
      java.util.function.IntFunction<Map<String, Object>> inputs) {
    int existing = store.executions().list(flow.id(), total + 100).size();
    var next = new AtomicInteger(existing);
    var starters = new ArrayList<Thread>();
    for (int t = 0; t < 4; t++) {
      starters.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    int n;
                    while ((n = next.getAndIncrement()) < total) {
                      engine.start(flow, inputs.apply(n));
                      sleep(Duration.ofMillis(15));
                    }
                  }));
    }
    for (Thread starter : starters) {
      try {
        starter.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
