package io.aispine.engine;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How a {@code DurableEngine} runs.
 *
 * @param clock the time source for facts and timers (tests pass a controllable one)
 * @param random uniform samples in [0, 1) for retry jitter
 * @param maxBatch the most facts committed in one store transaction
 * @param shutdownGrace how long {@link Engine#close()} lets running attempts finish before
 *     interrupting them
 * @param workerName this process's name in logs and agent calls
 * @param maxNodePayload the most a node's input or output, and an execution's inputs or outputs,
 *     may weigh as stored JSON
 * @param runGate what every new execution must pass (a server's admits approved versions only)
 */
public record EngineOptions(
    InstantSource clock,
    DoubleSupplier random,
    int maxBatch,
    Duration shutdownGrace,
    String workerName,
    PayloadLimit maxNodePayload,
    RunGate runGate) {

  public EngineOptions {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(workerName, "workerName");
    Objects.requireNonNull(maxNodePayload, "maxNodePayload");
    Objects.requireNonNull(runGate, "runGate");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
    }
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("shutdownGrace must not be negative");
    }
  }

  /**
   * The system clock, thread-local randomness, batches of 1024, a 10 s grace period and payloads of
   * at most 1 MiB; every run admitted (a local run's gate).
   */
  public static EngineOptions defaults() {
    String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
    return new EngineOptions(
        InstantSource.system(),
        () -> ThreadLocalRandom.current().nextDouble(),
        1024,
        Duration.ofSeconds(10),
        host + "-" + ProcessHandle.current().pid(),
        PayloadLimit.DEFAULT,
        RunGate.OPEN);
  }

  /**
   * The defaults, with the payload limit from {@value PayloadLimit#SETTING} when it is set (a size
   * like {@code 4MiB}); the server and the CLI's local runs both start from these.
   *
   * @throws IllegalArgumentException naming the variable when its value is not a size in range
   */
  public static EngineOptions fromEnvironment() {
    String limit = System.getenv(PayloadLimit.SETTING);
    EngineOptions options = defaults();
    return limit == null || limit.isBlank()
        ? options
        : options.withMaxNodePayload(PayloadLimit.parse(limit));
  }

  /** A copy with another clock. */
  public EngineOptions withClock(InstantSource clock) {
    return new EngineOptions(
        clock, random, maxBatch, shutdownGrace, workerName, maxNodePayload, runGate);
  }

  /** A copy with another source of jitter. */
  public EngineOptions withRandom(DoubleSupplier random) {
    return new EngineOptions(
        clock, random, maxBatch, shutdownGrace, workerName, maxNodePayload, runGate);
  }

  /** A copy with another batch limit. */
  public EngineOptions withMaxBatch(int maxBatch) {
    return new EngineOptions(
        clock, random, maxBatch, shutdownGrace, workerName, maxNodePayload, runGate);
  }

  /** A copy with another grace period. */
  public EngineOptions withShutdownGrace(Duration shutdownGrace) {
    return new EngineOptions(
        clock, random, maxBatch, shutdownGrace, workerName, maxNodePayload, runGate);
  }

  /** A copy with another payload limit. */
  public EngineOptions withMaxNodePayload(PayloadLimit maxNodePayload) {
    return new EngineOptions(
        clock, random, maxBatch, shutdownGrace, workerName, maxNodePayload, runGate);
  }

  /** A copy with another gate. */
  public EngineOptions withRunGate(RunGate runGate) {
    return new EngineOptions(
        clock, random, maxBatch, shutdownGrace, workerName, maxNodePayload, runGate);
  }
}
