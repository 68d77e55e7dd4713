package io.aispine.bench;

import io.aispine.engine.decider.Decider;
import io.aispine.engine.decider.Fact;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.flow.FlowGraph;
import io.aispine.flow.FlowParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The pure decider alone: how many facts per second it can turn into decisions. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeciderBenchmark {

  private FlowGraph chain;
  private ExecutionState fresh;

  @Setup
  public void setUp() throws Exception {
    try (InputStream in = DeciderBenchmark.class.getResourceAsStream("/bench/chain10.yaml")) {
      chain =
          FlowGraph.of(
              FlowParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "chain10"));
    }
    fresh =
        new ExecutionState(
            "ex_bench",
            chain.flow().id(),
            chain.flow().version().text(),
            ExecutionStatus.RUNNING,
            Map.of(),
            Map.of(),
            Map.of(),
            null,
            Instant.EPOCH,
            null,
            0);
  }

  /** Start an execution: evaluate readiness of ten nodes and schedule the first. */
  @Benchmark
  public Object start() {
    return Decider.decide(chain, fresh, new Fact.ExecutionStarted("ex_bench", Instant.EPOCH), 0.5);
  }
}
