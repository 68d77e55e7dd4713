package io.aispine.agentsdk.internal;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs an agent at most once per idempotency key within a time to live: a redelivered call gets the
 * stored result, and a duplicate that arrives while the first is running waits for it.
 *
 * <p>Only final results are kept: a retryable failure, a crash or an interruption forgets the key,
 * so that the next delivery runs again. The number of keys kept is bounded; the oldest go first.
 */
public final class IdempotentAgent implements Agent {

  private record Stored(CompletableFuture<AgentResult> result, Instant storedAt) {}

  private final Agent agent;
  private final Duration ttl;
  private final InstantSource clock;
  private final Map<String, Stored> entries;

  /** Wraps {@code agent}, keeping up to {@code maxKeys} results for {@code ttl}. */
  public IdempotentAgent(Agent agent, Duration ttl, int maxKeys, InstantSource clock) {
    if (maxKeys < 1 || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("the idempotency cache needs a size >= 1 and a ttl > 0");
    }
    this.agent = agent;
    this.ttl = ttl;
    this.clock = clock;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
            return size() > maxKeys;
          }
        };
  }

  @Override
  public AgentResult execute(AgentCall call) throws AgentException, InterruptedException {
    String key = call.idempotencyKey();
    if (key == null || key.isBlank()) {
      return agent.execute(call);
    }
    var mine = new Stored(new CompletableFuture<>(), clock.instant());
    Stored existing;
    synchronized (entries) {
      existing = entries.get(key);
      if (existing != null && existing.storedAt().plus(ttl).isBefore(mine.storedAt())) {
        entries.remove(key);
        existing = null;
      }
      if (existing == null) {
        entries.put(key, mine);
      }
    }
    return existing == null ? runOnce(key, call, mine) : await(existing);
  }

  private AgentResult runOnce(String key, AgentCall call, Stored mine)
      throws AgentException, InterruptedException {
    try {
      AgentResult result = agent.execute(call);
      if (result instanceof AgentResult.Failure failure && failure.error().retryable()) {
        forget(key, mine);
      }
      mine.result().complete(result);
      return result;
    } catch (AgentException | InterruptedException | RuntimeException e) {
      forget(key, mine);
      mine.result().completeExceptionally(e);
      throw e;
    }
  }

  private void forget(String key, Stored mine) {
    synchronized (entries) {
      entries.remove(key, mine);
    }
  }

  private static AgentResult await(Stored entry) throws AgentException, InterruptedException {
    try {
      return entry.result().get();
    } catch (ExecutionException e) {
      return switch (e.getCause()) {
        case AgentException agentException -> throw agentException;
        case RuntimeException runtime -> throw runtime;
        // The first delivery was interrupted; this one has not run, so it may be asked again.
        default ->
            AgentResult.failure(
                io.aispine.execution.ErrorInfo.retryable(
                    "DUPLICATE_INTERRUPTED",
                    "the first delivery of this idempotency key was interrupted; retry"));
      };
    }
  }
}
