package io.aispine.server.internal.workspaces;

import io.aispine.store.Quotas;
import io.aispine.store.Workspace;
import io.aispine.store.WorkspaceStore;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The quotas of workspaces: API calls per minute per key (a Bucket4j token bucket each), and the
 * checks made before starting an execution or registering an agent, so that a refused request
 * creates nothing; {@link #atomically} makes such a check and its create one step.
 */
public final class WorkspaceQuotas {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private record Limited(long perMinute, Bucket bucket) {}

  private final WorkspaceStore workspaces;
  private final InstantSource clock;
  private final TimeMeter meter;
  private final Map<String, Workspace> cache = new ConcurrentHashMap<>();
  private final Map<String, Limited> buckets = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> creating = new ConcurrentHashMap<>();

  public WorkspaceQuotas(WorkspaceStore workspaces, InstantSource clock) {
    this.workspaces = workspaces;
    this.clock = clock;
    this.meter =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
  }

  /** The workspace (cached: read on every request), or empty when it does not exist. */
  public Optional<Workspace> workspace(String id) {
    Workspace cached = cache.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Workspace> found = workspaces.find(id);
    found.ifPresent(w -> cache.put(id, w));
    return found;
  }

  /** Forgets a cached workspace after its plan changed. */
  public void changed(String id) {
    cache.remove(id);
  }

  /** The clock the quotas read. */
  public InstantSource clock() {
    return clock;
  }

  /**
   * Takes one API call of key {@code keyId} in workspace {@code workspace}.
   *
   * @return the calls left this minute (or -1 when unlimited), or the quota exceeded
   */
  public Result takeCall(String workspace, String keyId) {
    long perMinute = quotas(workspace).apiCallsPerMinute();
    if (!Quotas.limited(perMinute)) {
      buckets.remove(keyId);
      return new Result(-1, perMinute, null);
    }
    Limited limited =
        buckets.compute(
            keyId,
            (k, old) ->
                old != null && old.perMinute() == perMinute
                    ? old
                    : new Limited(perMinute, bucket(perMinute)));
    ConsumptionProbe probe = limited.bucket().tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return new Result(probe.getRemainingTokens(), perMinute, null);
    }
    Instant reset = clock.instant().plusNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    return new Result(
        0, perMinute, new QuotaExceeded("api_calls_per_minute", workspace, perMinute, reset));
  }

  /** What taking an API call gave: the calls left, the limit, or the quota exceeded. */
  public record Result(long remaining, long limit, QuotaExceeded exceeded) {}

  /**
   * Runs {@code checkThenCreate} (a quota check, then the create it admits) as one step: no other
   * {@code checkThenCreate} of the same workspace runs in between, so two requests cannot both pass
   * a check that only one of them fits. One process owns a store (the store's exclusive lock, on
   * SQLite and PostgreSQL alike), so a lock in this process is enough. A workspace whose executions
   * and private agents are unlimited (the default one of a fresh server) is not serialised.
   */
  public <T> T atomically(String workspace, Supplier<T> checkThenCreate) {
    Quotas quotas = quotas(workspace);
    if (!Quotas.limited(quotas.executionsRunning())
        && !Quotas.limited(quotas.executionsPerMonth())
        && !Quotas.limited(quotas.privateAgents())) {
      return checkThenCreate.get();
    }
    ReentrantLock lock = creating.computeIfAbsent(workspace, w -> new ReentrantLock());
    lock.lock();
    try {
      return checkThenCreate.get();
    } finally {
      lock.unlock();
    }
  }

  /** The quota an execution started now in {@code workspace} would exceed, if any. */
  public Optional<QuotaExceeded> beforeStart(String workspace) {
    Quotas quotas = quotas(workspace);
    if (Quotas.limited(quotas.executionsRunning())
        && workspaces.executionsRunning(workspace) >= quotas.executionsRunning()) {
      return Optional.of(
          new QuotaExceeded("executions_running", workspace, quotas.executionsRunning(), null));
    }
    if (Quotas.limited(quotas.executionsPerMonth())) {
      YearMonth month = YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC));
      Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      if (workspaces.executionsCreatedSince(workspace, start) >= quotas.executionsPerMonth()) {
        Instant next = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return Optional.of(
            new QuotaExceeded(
                "executions_per_month", workspace, quotas.executionsPerMonth(), next));
      }
    }
    return Optional.empty();
  }

  /** The quota registering a new agent name in {@code workspace} would exceed, if any. */
  public Optional<QuotaExceeded> beforeNewAgent(String workspace) {
    long limit = quotas(workspace).privateAgents();
    if (Quotas.limited(limit) && workspaces.agentNames(workspace).size() >= limit) {
      return Optional.of(new QuotaExceeded("private_agents", workspace, limit, null));
    }
    return Optional.empty();
  }

  private Quotas quotas(String workspace) {
    return workspace(workspace).map(Workspace::quotas).orElse(new Quotas(0, 0, 0, 0));
  }

  private Bucket bucket(long perMinute) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(perMinute).refillIntervally(perMinute, MINUTE))
        .withCustomTimePrecision(meter)
        .build();
  }
}
