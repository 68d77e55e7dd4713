package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.server.internal.http.RequestBodies;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten thousand seeded hostile requests over every operation of the server's own OpenAPI document
 * (read at start, so a new route is covered the day it is added): no 5xx, no stack trace, no hang,
 * and afterwards a healthy server whose heap is back near where it was.
 *
 * <p>Rerun a failure with {@code -Daispine.fuzz.seed=<seed>} (printed in the failure) and, to send
 * one request alone to a fresh server, {@code -Daispine.fuzz.only=<index>} (a failure that depends
 * on what earlier requests deployed needs the whole run); {@code -Daispine.fuzz.requests=<n>} runs
 * longer.
 */
class HostileTrafficTest {

  private static final long SEED = Long.getLong("aispine.fuzz.seed", 20261207L);
  private static final int REQUESTS = Integer.getInteger("aispine.fuzz.requests", 10_000);
  private static final Integer ONLY = Integer.getInteger("aispine.fuzz.only");
  private static final int WARM_UP = 500;
  private static final int WORKERS = 4;

  /** Far above any answer on a busy 2-core machine; a request still waiting then is hung. */
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  /**
   * "Back near where it started": the live heap after full collections may grow by this much over
   * the run. What the run legitimately leaves behind (agents, flow versions, settings and finished
   * executions, kept in the store rather than the heap) measured 1 to 2 MiB over a start of about
   * 18 MiB; a cache of compiled expressions bounded by count only kept some 50 MiB of the run's
   * distinct long sums. The limit is over fifteen times the legitimate growth, so that a busy
   * machine or a new cache of modest size does not make the test flaky, and still well below what a
   * leak of that kind keeps.
   */
  private static final long HEAP_GROWTH_LIMIT = 32L * 1024 * 1024;

  private static final String APPROVAL_FLOW = "sign";

  private static final String APPROVAL =
      """
      id: sign
      version: 1.0.0
      nodes:
        - {id: sign, type: approval, message: "Sign?", approvers: {roles: admin}}
      """;

  @TempDir Path dataDir;

  private AispineServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void survives_hostile_requests_over_every_route_and_gives_its_memory_back() throws Exception {
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    String key = server.adminKeyCreated().orElseThrow();
    var api = new Api(server.port(), key);
    var operations = HostileRequests.operations(api.get("/openapi.json").json());
    assertThat(operations).hasSizeGreaterThanOrEqualTo(server.routes().size());
    var sender = new HostileSender(server.port(), TIMEOUT);
    var targets = fixtures(api, key);

    if (ONLY != null) {
      var run = new Run(new HostileRequests(SEED, operations, targets), sender);
      run.send(ONLY);
      assertThat(run.failures).as(report(run)).isEmpty();
      return;
    }
    var warmUp = new Run(new HostileRequests(~SEED, operations, targets), sender);
    warmUp.sendAll(WARM_UP);
    long heapBefore = liveHeap();

    var run = new Run(new HostileRequests(SEED, operations, targets), sender);
    long started = System.nanoTime();
    run.sendAll(REQUESTS);
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

    System.out.printf(
        "hostile traffic: seed %d, %d requests over %d operations in %d s, statuses %s;"
            + " most time in %s%n",
        SEED, REQUESTS, operations.size(), seconds, run.statuses, run.busiest(5));
    // every way the run went wrong is reported together, so one fix does not hide the next
    var softly = new SoftAssertions();
    softly.assertThat(warmUp.failures).as(report(warmUp)).isEmpty();
    softly.assertThat(run.failures).as(report(run)).isEmpty();
    try {
      assertStillServes(api, targets);
    } catch (AssertionError | RuntimeException e) {
      // an assertion, a condition never met, or a request that timed out
      softly.fail("after the run the server no longer serves as it should: " + e);
    }
    long heapAfter = liveHeap();
    System.out.printf(
        "hostile traffic: live heap %d MiB before, %d MiB after%n",
        heapBefore >> 20, heapAfter >> 20);
    softly
        .assertThat(heapAfter - heapBefore)
        .as(
            "live heap grew from %d MiB to %d MiB over %d hostile requests (seed %d);"
                + " `jcmd <pid> GC.class_histogram` on a longer run shows what holds it",
            heapBefore >> 20, heapAfter >> 20, REQUESTS, SEED)
        .isLessThan(HEAP_GROWTH_LIMIT);
    softly.assertAll();
  }

  /** A flow, a finished execution, a pending approval and the built-in agents to aim at. */
  private static HostileRequests.Targets fixtures(Api api, String key) {
    assertThat(api.deploy(ServerTestBase.HELLO).status()).isEqualTo(201);
    assertThat(api.deploy(APPROVAL).status()).isEqualTo(201);
    String finished = api.start("hello", "{\"name\": \"fuzz\"}");
    api.awaitFinished(finished);
    String waiting = api.start("sign", "{}");
    String approval = api.get("/api/v1/approvals?status=pending").json().at("/items/0/id").asText();
    List<String> agents = new ArrayList<>();
    List<String> versions = new ArrayList<>();
    for (JsonNode agent : api.get("/api/v1/agents").json().get("items")) {
      agents.add(agent.get("name").asText());
      agent.get("versions").forEach(v -> versions.add(v.get("version").asText()));
    }
    return new HostileRequests.Targets(
        key,
        List.of("hello", APPROVAL_FLOW),
        List.of(finished, waiting),
        List.of(approval),
        agents,
        versions);
  }

  /**
   * Health, readiness, and a normal flow deployed and run to its end, once the settings the run
   * changed (drains, limits) are undone; then what the run started has ended, but for the
   * executions that wait for an approval.
   */
  private static void assertStillServes(Api api, HostileRequests.Targets targets) {
    assertThat(api.get("/health").status()).isEqualTo(200);
    assertThat(api.get("/ready").status()).isEqualTo(200);
    for (String agent : targets.agents()) {
      assertThat(api.post("/api/v1/agents/" + agent + "/undrain").status()).isEqualTo(200);
      assertThat(api.putJson("/api/v1/agents/" + agent + "/limits", "{}").status()).isEqualTo(200);
    }
    String hello = ServerTestBase.HELLO.replace("id: hello", "id: after-the-storm");
    assertThat(api.deploy(hello).status()).isEqualTo(201);
    String id = api.start("after-the-storm", "{\"name\": \"still here\"}");
    JsonNode done = api.awaitFinished(id);
    assertThat(done.get("status").asText()).isEqualTo("succeeded");
    assertThat(done.at("/outputs/message").asText()).isEqualTo("Hello, still here!");
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              List<String> running = new ArrayList<>();
              api.get("/api/v1/executions?status=running&limit=500")
                  .json()
                  .get("items")
                  .forEach(
                      e -> {
                        if (!e.get("flow").asText().equals(APPROVAL_FLOW)) {
                          running.add(describe(api, e.get("id").asText()));
                        }
                      });
              assertThat(running).as("executions the run started, still running").isEmpty();
            });
  }

  /** An execution as a failure shows it: its flow version and how many nodes are in each state. */
  private static String describe(Api api, String id) {
    JsonNode execution = api.get("/api/v1/executions/" + id).json();
    Map<String, Integer> states = new TreeMap<>();
    execution.path("nodes").forEach(n -> states.merge(n.path("status").asText(), 1, Integer::sum));
    return id
        + " of "
        + execution.path("flow").asText()
        + "@"
        + execution.path("version").asText()
        + ", nodes "
        + states;
  }

  /** The heap still reachable after full collections, the smallest of three readings. */
  private static long liveHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      memory.gc();
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  private static String report(Run run) {
    List<String> failures = new ArrayList<>(run.failures.values());
    return failures.size()
        + " of the hostile requests of seed "
        + run.requests.seed()
        + " got a wrong answer (rerun one with -Daispine.fuzz.seed="
        + run.requests.seed()
        + " -Daispine.fuzz.only=<#index>):\n"
        + String.join("\n", failures.subList(0, Math.min(25, failures.size())));
  }

  /** Sends requests from several threads and keeps what went wrong, by request index. */
  private static final class Run {
    final HostileRequests requests;
    final HostileSender sender;
    final Map<Integer, String> failures = new ConcurrentHashMap<>();
    final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    Map<Integer, Long> statuses = Map.of();
    final Map<String, LongAdder> millisByOperation = new ConcurrentHashMap<>();

    Run(HostileRequests requests, HostileSender sender) {
      this.requests = requests;
      this.sender = sender;
    }

    void sendAll(int count) throws InterruptedException {
      var next = new AtomicInteger();
      try (var pool = Executors.newFixedThreadPool(WORKERS)) {
        IntStream.range(0, WORKERS)
            .forEach(
                w ->
                    pool.submit(
                        () -> {
                          for (int i = next.getAndIncrement();
                              i < count;
                              i = next.getAndIncrement()) {
                            send(i);
                          }
                        }));
      }
      var sorted = new TreeMap<Integer, Long>();
      byStatus.forEach((status, n) -> sorted.put(status, n.sum()));
      statuses = Collections.unmodifiableMap(sorted);
    }

    /** The operations that took the most time, with their total, to see what slows a run. */
    String busiest(int count) {
      return millisByOperation.entrySet().stream()
          .sorted(Map.Entry.comparingByValue(Comparator.comparingLong(LongAdder::sum).reversed()))
          .limit(count)
          .map(e -> e.getKey() + " " + e.getValue().sum() / 1000 + " s")
          .toList()
          .toString();
    }

    void send(int index) {
      HostileRequest request = requests.next(index);
      long start = System.nanoTime();
      try {
        HostileSender.Answer answer = sender.send(request);
        millisByOperation
            .computeIfAbsent(
                request.raw() != null ? "raw requests" : request.operation(), o -> new LongAdder())
            .add((System.nanoTime() - start) / 1_000_000);
        byStatus.computeIfAbsent(answer.status(), s -> new LongAdder()).increment();
        String wrong = HostileAnswers.wrong(request, answer);
        if (wrong != null) {
          failures.put(index, request + "\n    → " + wrong);
        }
      } catch (HostileSender.Hang e) {
        failures.put(index, request + "\n    → hung: " + e.getMessage());
      } catch (IOException e) {
        // A body over the limit need not be read to be refused: HTTP lets the server close the
        // connection instead (RFC 9112, 9.6), and Jetty does when draining it would block, which
        // may cut the answer the client had not read yet. Any other request deserves an answer.
        if (request.body() == null || request.body().length <= RequestBodies.MAX_BYTES) {
          failures.put(index, request + "\n    → " + e);
        }
      } catch (Exception e) {
        failures.put(index, request + "\n    → " + e);
      }
    }
  }
}
