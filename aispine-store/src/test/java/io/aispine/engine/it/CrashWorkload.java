package io.aispine.engine.it;

import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.engine.DurableEngine;
import io.aispine.engine.EngineOptions;
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
 * The process {@link CrashRecoveryTest} kills: opens the store in a data dir, resumes whatever a
 * killed predecessor left, starts executions until the store holds {@code total} of them, and
 * prints {@code DONE} once every execution has ended. Prints {@code READY} when the engine runs.
 *
 * <p>Usage: {@code CrashWorkload <dataDir> <total>}
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
    Path dataDir = Path.of(args[0]);
    int total = Integer.parseInt(args[1]);
    Flow flow = FlowParser.parse(FLOW, "crash.yaml");
    var agents =
        new TestAgents()
            .with(
                "sleep",
                call -> {
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
                });
    try (var store = JdbcStore.openDataDir(dataDir);
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
      startUpTo(total, store, engine, flow);
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

  /**
   * Starts executions from a few threads (so commits group) until the store holds {@code total}.
   */
  private static void startUpTo(int total, JdbcStore store, DurableEngine engine, Flow flow)
      throws InterruptedException {
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
                      engine.start(flow, Map.of("n", n));
                      sleep(Duration.ofMillis(15));
                    }
                  }));
    }
    for (Thread starter : starters) {
      starter.join();
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
