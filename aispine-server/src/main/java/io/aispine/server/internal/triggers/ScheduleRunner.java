package io.aispine.server.internal.triggers;

import io.aispine.engine.Engine;
import io.aispine.engine.InvalidInputsException;
import io.aispine.engine.RunRefusedException;
import io.aispine.execution.ExecutionState;
import io.aispine.expr.ExpressionException;
import io.aispine.flow.Flow;
import io.aispine.flow.ScheduleTrigger;
import io.aispine.store.StoreException;
import io.aispine.store.TriggerStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires due schedules. Each pass records the triggers in force, then for each due schedule takes
 * its lease, starts the fires its plan names (each under an id derived from its instant), and only
 * then moves the stored next fire on: a crash before that move repeats the starts, which the ids
 * turn into no-ops, so no fire is skipped or doubled.
 */
public final class ScheduleRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ScheduleRunner.class);

  /** Environment variable: how often the runner looks for due schedules (default 1s). */
  public static final String POLL_ENV = "AISPINE_TRIGGER_POLL";

  /** Environment variable: how late a fire may start and still count as on time (default 1m). */
  public static final String GRACE_ENV = "AISPINE_TRIGGER_GRACE";

  /** Environment variable: how long a server holds a schedule while firing it (default 15s). */
  public static final String LEASE_ENV = "AISPINE_TRIGGER_LEASE";

  private final TriggerCatalog catalog;
  private final TriggerStarts starts;
  private final Engine engine;
  private final InstantSource clock;
  private final Settings settings;
  private final String owner = "node-" + UUID.randomUUID();
  private volatile Thread thread;
  private volatile boolean closed;

  /** The runner's timing. */
  public record Settings(Duration poll, Duration grace, Duration lease) {

    /** From {@link #POLL_ENV}, {@link #GRACE_ENV} and {@link #LEASE_ENV}. */
    public static Settings fromEnvironment() {
      return new Settings(
          duration(POLL_ENV, Duration.ofSeconds(1)),
          duration(GRACE_ENV, Duration.ofMinutes(1)),
          duration(LEASE_ENV, Duration.ofSeconds(15)));
    }

    private static Duration duration(String name, Duration absent) {
      // a system property of the same name, lower case with dots, lets in-process tests set it
      String text =
          System.getProperty(
              name.toLowerCase(java.util.Locale.ROOT).replace('_', '.'), System.getenv(name));
      if (text == null || text.isBlank()) {
        return absent;
      }
      if (!io.aispine.flow.Durations.isValid(text.strip())) {
        throw new IllegalArgumentException(
            name + " must be a duration like 1s or 500ms, got '" + text + "'");
      }
      return io.aispine.flow.Durations.parse(text.strip());
    }
  }

  public ScheduleRunner(
      TriggerCatalog catalog,
      TriggerStarts starts,
      Engine engine,
      InstantSource clock,
      Settings settings) {
    this.catalog = catalog;
    this.starts = starts;
    this.engine = engine;
    this.clock = clock;
    this.settings = settings;
  }

  /** Starts polling on a daemon thread. */
  public ScheduleRunner start() {
    thread = Thread.ofPlatform().name("aispine-schedules").daemon().start(this::loop);
    return this;
  }

  private void loop() {
    while (!closed) {
      try {
        runDue();
      } catch (StoreException | IllegalStateException e) {
        if (!closed) {
          log.warn(
              "schedules: pass failed, trying again in {}: {}", settings.poll(), e.getMessage());
        }
      }
      try {
        Thread.sleep(settings.poll());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One pass: records the triggers in force and fires every due schedule. */
  public void runDue() {
    catalog.sync();
    Instant now = clock.instant();
    TriggerStore store = catalog.store();
    for (TriggerStore.Row row : store.list(null)) {
      if (closed) {
        return;
      }
      if (row.kind().equals("schedule")
          && !row.paused()
          && row.nextFireAt() != null
          && !row.nextFireAt().isAfter(now)
          && store.lease(row.flowId(), row.triggerId(), owner, now, now.plus(settings.lease()))) {
        // read again under the lease: another server may have fired it since the listing
        store.find(row.flowId(), row.triggerId()).ifPresent(current -> fire(current, now));
      }
    }
  }

  private void fire(TriggerStore.Row row, Instant now) {
    TriggerStore store = catalog.store();
    Flow flow = catalog.flow(row.flowId(), row.flowVersion());
    if (!(flow.trigger(row.triggerId()).orElse(null) instanceof ScheduleTrigger schedule)
        || row.nextFireAt() == null) {
      store.advance(row.flowId(), row.triggerId(), owner, null, null);
      return;
    }
    var plan = schedule.plan(row.nextFireAt(), now, settings.grace());
    String last = row.lastExecution();
    for (Instant fire : plan.fires()) {
      if (!schedule.overlap() && stillRunning(last)) {
        log.info(
            "schedule {}: fire {} skipped, execution {} of the previous fire still runs"
                + " (concurrency: forbid)",
            row.name(),
            fire,
            last);
        continue;
      }
      try {
        var started =
            starts.fire(
                flow,
                schedule,
                fire.toString(),
                Map.of("trigger", Map.of("scheduled_at", fire.toString())));
        last = started.executionId();
        if (started.started()) {
          log.info("schedule {}: fire {} started {}", row.name(), fire, last);
        }
      } catch (RunRefusedException e) {
        log.warn("schedule {}: fire {} refused: {}", row.name(), fire, e.getMessage());
      } catch (InvalidInputsException | ExpressionException e) {
        log.error(
            "schedule {}: fire {} could not start, its inputs do not fit {}: {}",
            row.name(),
            fire,
            flow.ref(),
            e.getMessage());
      }
    }
    if (!store.advance(row.flowId(), row.triggerId(), owner, plan.next().orElse(null), last)) {
      log.warn("schedule {}: lease lost while firing; another server goes on", row.name());
    }
  }

  private boolean stillRunning(String executionId) {
    return executionId != null
        && engine
            .execution(executionId)
            .map(ExecutionState::status)
            .filter(s -> !s.terminal())
            .isPresent();
  }

  /** The next {@code count} fire instants of a schedule from its stored next fire. */
  public static java.util.List<Instant> upcoming(
      ScheduleTrigger schedule, Instant next, int count) {
    var fires = new java.util.ArrayList<Instant>();
    Instant cursor = next;
    while (cursor != null && fires.size() < count) {
      fires.add(cursor);
      cursor = schedule.nextAfter(cursor).orElse(null);
    }
    return fires;
  }

  @Override
  public void close() {
    closed = true;
    Thread running = thread;
    if (running != null) {
      running.interrupt();
      try {
        running.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
