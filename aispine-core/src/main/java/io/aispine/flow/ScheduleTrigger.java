package io.aispine.flow;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A trigger that fires on a cron schedule in a time zone. Five fields ({@code minute hour
 * day-of-month month day-of-week}, Unix) or six with seconds first (Spring); fire instants follow
 * the zone's clock, so a daily {@code 0 2 * * *} in {@code Europe/Paris} fires once on the days the
 * clocks change too. A wall time that happens twice when the clocks go back fires once; one that
 * does not exist when they go forward (02:30 in the spring gap) does not fire that day.
 *
 * @param id the trigger's id
 * @param cron the cron expression as written
 * @param zone the time zone the expression is read in
 * @param missed what to do with fires that were due while no server ran
 * @param catchUpLimit the most missed fires {@link MissedFires#RUN_ALL} starts at once
 * @param overlap whether a fire starts while the previous execution of this trigger still runs
 * @param inputs flow inputs, may read {@code trigger.scheduled_at} and {@code trigger.id}
 */
public record ScheduleTrigger(
    String id,
    String cron,
    ZoneId zone,
    MissedFires missed,
    int catchUpLimit,
    boolean overlap,
    Map<String, Object> inputs)
    implements Trigger {

  /** The default {@link #catchUpLimit}. */
  public static final int DEFAULT_CATCH_UP = 10;

  /** How many missed fires {@link #plan} walks one by one before leaping to the recent ones. */
  private static final int MAX_WALK = 1_000;

  /** Parsed expressions by text: parsing costs far more than finding the next instant. */
  private static final Map<String, ExecutionTime> TIMES = new ConcurrentHashMap<>();

  private static final CronParser UNIX =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser WITH_SECONDS =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));

  public ScheduleTrigger {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(missed, "missed");
    if (catchUpLimit < 1) {
      throw new IllegalArgumentException("catchUpLimit must be at least 1, was " + catchUpLimit);
    }
    parse(cron); // throws IllegalArgumentException naming the problem
    inputs = TriggerReader.frozen(inputs);
  }

  /** What a schedule does with fires that were due while no server was running. */
  public enum MissedFires {
    /** Missed fires are dropped; the schedule goes on from the next one. */
    SKIP,
    /** All missed fires together start one execution, for the latest of them. */
    RUN_ONCE,
    /** Each missed fire starts an execution, the latest {@link #catchUpLimit} of them. */
    RUN_ALL;

    /** The name used in YAML: {@code skip}, {@code run_once}, {@code run_all}. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The fires to start now and where the schedule stands after them.
   *
   * @param fires the fire instants to start, oldest first (each at most once: their executions are
   *     named after them)
   * @param next the next fire instant after {@code now}, empty when the expression has no more
   */
  public record Plan(List<Instant> fires, Optional<Instant> next) {
    public Plan {
      fires = List.copyOf(fires);
    }
  }

  /**
   * Parses a cron expression of five (Unix) or six (seconds first) fields.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  static Cron parse(String cron) {
    if (cron == null || cron.isBlank()) {
      throw new IllegalArgumentException("a cron expression is required, like \"0 2 * * *\"");
    }
    int fields = cron.strip().split("\\s+").length;
    CronParser parser =
        switch (fields) {
          case 5 -> UNIX;
          case 6 -> WITH_SECONDS;
          default ->
              throw new IllegalArgumentException(
                  "cron '"
                      + cron
                      + "' has "
                      + fields
                      + " fields; write five (minute hour day month weekday, e.g. \"0 2 * * *\")"
                      + " or six with seconds first");
        };
    try {
      return parser.parse(cron.strip()).validate();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cron '" + cron + "' is invalid: " + e.getMessage(), e);
    }
  }

  /** The first fire instant strictly after {@code after}, empty when there is none. */
  public Optional<Instant> nextAfter(Instant after) {
    ExecutionTime times = TIMES.computeIfAbsent(cron, c -> ExecutionTime.forCron(parse(c)));
    return times.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
  }

  /**
   * Decides which fires to start at {@code now} for a schedule whose next fire was stored as {@code
   * due}. Fires less than {@code grace} old are on time and all start (a server a little late still
   * runs each); older ones were missed and follow {@link #missed}.
   */
  public Plan plan(Instant due, Instant now, Duration grace) {
    var onTime = new ArrayList<Instant>();
    var late = new ArrayList<Instant>();
    Optional<Instant> cursor = Optional.of(due);
    int walked = 0;
    while (cursor.isPresent() && !cursor.get().isAfter(now)) {
      Instant fire = cursor.get();
      if (fire.plus(grace).isAfter(now)) {
        onTime.add(fire);
      } else {
        late.add(fire);
        // keep only what run_all may start: the latest catchUpLimit of the missed fires
        if (late.size() > catchUpLimit) {
          late.removeFirst();
        }
      }
      walked++;
      // a schedule of every second down for days: leap over the missed ones we would not start
      cursor = walked == MAX_WALK ? nextAfter(now.minus(grace)) : nextAfter(fire);
    }
    var fires = new ArrayList<Instant>();
    switch (missed) {
      case SKIP -> {}
      case RUN_ONCE -> {
        if (!late.isEmpty()) {
          fires.add(late.getLast());
        }
      }
      case RUN_ALL -> fires.addAll(late);
    }
    fires.addAll(onTime);
    return new Plan(fires, cursor);
  }
}
