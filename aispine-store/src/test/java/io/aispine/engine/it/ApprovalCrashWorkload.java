package io.aispine.engine.it;

import io.aispine.engine.EngineOptions;
import io.aispine.engine.runtime.DurableEngine;
import io.aispine.execution.ApprovalStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.Flow;
import io.aispine.flow.FlowParser;
import io.aispine.store.Approval;
import io.aispine.store.ApprovalQuery;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process {@link ApprovalCrashTest} kills. {@code start} mode starts executions of a flow with
 * an approval until the store holds {@code total}, then prints {@code STARTED} once each of them
 * waits for its answer. {@code answer} mode approves every pending approval from a few threads and
 * prints {@code DONE} once every execution has ended. Both print {@code READY} when the engine runs
 * and {@code WORKING} just before they start changing things.
 *
 * <p>Usage: {@code ApprovalCrashWorkload <dataDir> <total> start|answer}
 */
public final class ApprovalCrashWorkload {

  static final String FLOW =
      """
      id: crash-approval
      version: 1.0.0
      inputs:
        n: {type: integer, required: true}
      nodes:
        - {id: quote, agent: echo, with: {n: "${inputs.n}"}}
        - id: review
          type: approval
          needs: quote
          message: "Approve ${nodes.quote.output.n}?"
          timeout: 1h
        - id: pay
          agent: echo
          needs: review
          with: {approved: "${nodes.review.output.approved}", by: "${nodes.review.output.by}"}
      """;

  static final String ANSWERED_BY = "crash-test";

  private ApprovalCrashWorkload() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    int total = Integer.parseInt(args[1]);
    String mode = args[2];
    Flow flow = FlowParser.parse(FLOW, "crash-approval.yaml");
    try (var store = JdbcStore.openDataDir(dataDir);
        var engine = DurableEngine.create(store, new TestAgents(), EngineOptions.defaults())) {
      System.out.println("READY");
      System.out.flush();
      if (mode.equals("start")) {
        startUpTo(total, store, engine, flow);
        while (!allWaiting(store, engine)) {
          Thread.sleep(20);
        }
        System.out.println("STARTED");
      } else {
        answerAll(store, engine);
        while (!store.executions().findActive().isEmpty()) {
          Thread.sleep(20);
        }
        System.out.println("DONE");
      }
      System.out.flush();
    }
  }

  private static final java.util.concurrent.atomic.AtomicBoolean WORKING =
      new java.util.concurrent.atomic.AtomicBoolean();

  private static void working() {
    if (WORKING.compareAndSet(false, true)) {
      System.out.println("WORKING");
      System.out.flush();
    }
  }

  private static void startUpTo(int total, JdbcStore store, DurableEngine engine, Flow flow)
      throws InterruptedException {
    var next = new AtomicInteger(store.executions().list(null, total + 100).size());
    var starters = new ArrayList<Thread>();
    for (int t = 0; t < 4; t++) {
      starters.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    int n;
                    while ((n = next.getAndIncrement()) < total) {
                      engine.start(flow, Map.of("n", n));
                      working();
                    }
                  }));
    }
    for (Thread starter : starters) {
      starter.join();
    }
  }

  private static boolean allWaiting(JdbcStore store, DurableEngine engine) {
    return store.executions().findActive().stream()
        .allMatch(
            s ->
                engine.execution(s.id()).orElseThrow().node("review").status()
                    == NodeStatus.WAITING);
  }

  private static void answerAll(JdbcStore store, DurableEngine engine) throws InterruptedException {
    List<Approval> pending =
        store
            .approvals()
            .list(new ApprovalQuery(Set.of(ApprovalStatus.PENDING), null, null, 10_000));
    var next = new AtomicInteger();
    var answerers = new ArrayList<Thread>();
    for (int t = 0; t < 4; t++) {
      answerers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    int i;
                    while ((i = next.getAndIncrement()) < pending.size()) {
                      engine.answerApproval(
                          pending.get(i).id(), true, "ok " + i, ANSWERED_BY, "key_crash");
                      working();
                    }
                  }));
    }
    for (Thread answerer : answerers) {
      answerer.join();
    }
  }
}
