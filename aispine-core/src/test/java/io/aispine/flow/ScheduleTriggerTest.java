package io.aispine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.flow.ScheduleTrigger.MissedFires;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleTriggerTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final Duration GRACE = Duration.ofMinutes(1);

  private static ScheduleTrigger schedule(String cron, ZoneId zone, MissedFires missed, int cap) {
    return new ScheduleTrigger("t", cron, zone, missed, cap, true, Map.of());
  }

  private static List<Instant> fires(ScheduleTrigger trigger, Instant from, int count) {
    var out = new ArrayList<Instant>();
    Instant cursor = from;
    for (int i = 0; i < count; i++) {
      cursor = trigger.nextAfter(cursor).orElseThrow();
      out.add(cursor);
    }
    return out;
  }

  @Test
  void daily_cron_follows_the_zones_wall_clock_across_both_dst_changes() {
    var nine = schedule("0 9 * * *", PARIS, MissedFires.SKIP, 1);
    // Paris moves to summer time on 2026-03-29 and back on 2026-10-25
    assertThat(fires(nine, Instant.parse("2026-03-27T12:00:00Z"), 3))
        .containsExactly(
            Instant.parse("2026-03-28T08:00:00Z"),
            Instant.parse("2026-03-29T07:00:00Z"),
            Instant.parse("2026-03-30T07:00:00Z"));
    assertThat(fires(nine, Instant.parse("2026-10-24T12:00:00Z"), 2))
        .containsExactly(
            Instant.parse("2026-10-25T08:00:00Z"), Instant.parse("2026-10-26T08:00:00Z"));
  }

  @Test
  void a_wall_time_in_the_spring_gap_does_not_fire_and_a_repeated_one_fires_once() {
    var halfPastTwo = schedule("30 2 * * *", PARIS, MissedFires.SKIP, 1);
    // 02:30 does not exist on 2026-03-29: that day has no fire, the next day has its usual one
    assertThat(fires(halfPastTwo, Instant.parse("2026-03-28T12:00:00Z"), 1))
        .containsExactly(Instant.parse("2026-03-30T00:30:00Z"));
    // 02:30 happens twice on 2026-10-25: fires once
    List<Instant> autumn = fires(halfPastTwo, Instant.parse("2026-10-24T12:00:00Z"), 2);
    assertThat(Duration.between(autumn.get(0), autumn.get(1)).toHours()).isGreaterThanOrEqualTo(23);
    assertThat(autumn.get(1)).isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
  }

  @Test
  void six_fields_read_seconds_first() {
    var everyTen = schedule("*/10 * * * * *", ZoneId.of("UTC"), MissedFires.SKIP, 1);
    assertThat(everyTen.nextAfter(Instant.parse("2026-01-01T00:00:03Z")))
        .contains(Instant.parse("2026-01-01T00:00:10Z"));
  }

  @Test
  void on_time_fires_all_start_whatever_the_policy() {
    var minutely = schedule("* * * * *", ZoneId.of("UTC"), MissedFires.SKIP, 1);
    Instant due = Instant.parse("2026-01-01T00:01:00Z");
    var plan = minutely.plan(due, due.plusSeconds(5), GRACE);
    assertThat(plan.fires()).containsExactly(due);
    assertThat(plan.next()).contains(Instant.parse("2026-01-01T00:02:00Z"));
    assertThat(minutely.plan(due, due.minusSeconds(1), GRACE).fires()).isEmpty();
  }

  @Test
  void missed_fires_are_skipped_run_once_for_the_latest_or_all_up_to_the_cap() {
    Instant due = Instant.parse("2026-01-01T00:01:00Z");
    Instant now = Instant.parse("2026-01-01T00:10:30Z"); // 00:01 … 00:09 missed, 00:10 on time
    Instant onTime = Instant.parse("2026-01-01T00:10:00Z");
    ZoneId utc = ZoneId.of("UTC");

    assertThat(schedule("* * * * *", utc, MissedFires.SKIP, 5).plan(due, now, GRACE).fires())
        .containsExactly(onTime);
    assertThat(schedule("* * * * *", utc, MissedFires.RUN_ONCE, 5).plan(due, now, GRACE).fires())
        .containsExactly(Instant.parse("2026-01-01T00:09:00Z"), onTime);
    var all = schedule("* * * * *", utc, MissedFires.RUN_ALL, 3).plan(due, now, GRACE);
    assertThat(all.fires())
        .containsExactly(
            Instant.parse("2026-01-01T00:07:00Z"),
            Instant.parse("2026-01-01T00:08:00Z"),
            Instant.parse("2026-01-01T00:09:00Z"),
            onTime);
    assertThat(all.next()).contains(Instant.parse("2026-01-01T00:11:00Z"));
  }

  @Test
  void a_long_outage_of_a_frequent_schedule_leaps_to_the_recent_fires() {
    var everySecond = schedule("* * * * * *", ZoneId.of("UTC"), MissedFires.RUN_ONCE, 1);
    Instant due = Instant.parse("2026-01-01T00:00:00Z");
    Instant now = due.plus(Duration.ofDays(3));
    var plan = everySecond.plan(due, now, Duration.ofSeconds(2));
    assertThat(plan.fires()).hasSize(3); // the latest missed one, and the two within the grace
    assertThat(plan.fires().getLast()).isEqualTo(now);
    assertThat(plan.next()).contains(now.plusSeconds(1));
  }

  @Test
  void rejects_invalid_cron_and_catch_up_limit() {
    assertThatThrownBy(() -> schedule("61 * * * *", PARIS, MissedFires.SKIP, 1))
        .hasMessageContaining("cron '61 * * * *' is invalid");
    assertThatThrownBy(() -> schedule("* * * * *", PARIS, MissedFires.SKIP, 0))
        .hasMessageContaining("catchUpLimit must be at least 1");
  }

  @Test
  void parser_reads_every_kind_of_trigger() {
    String yaml =
        """
        id: triggered
        version: 1.0.0
        inputs: {day: {type: string}}
        triggers:
          - {id: nightly, type: schedule, cron: "0 2 * * *", timezone: Europe/Paris, concurrency: forbid}
          - {id: push, type: webhook, secret: S, signature: github}
          - {id: chain, type: event, flow: ingest, status: failed, inputs: {day: "${execution.id}"}}
        nodes:
          - {id: a, agent: echo}
        """;
    Flow flow = FlowParser.parse(yaml, "t.yaml");
    assertThat(flow.triggers())
        .extracting(Trigger::kind)
        .containsExactly("schedule", "webhook", "event");
    var nightly = (ScheduleTrigger) flow.trigger("nightly").orElseThrow();
    assertThat(nightly.zone()).isEqualTo(PARIS);
    assertThat(nightly.overlap()).isFalse();
    assertThat(nightly.missed()).isEqualTo(MissedFires.RUN_ONCE);
    var push = (WebhookTrigger) flow.trigger("push").orElseThrow();
    assertThat(push.signature()).isEqualTo(WebhookTrigger.SignatureScheme.GITHUB);
    assertThat(push.signature().deliveryHeader()).isEqualTo("x-github-delivery");
    var chain = (EventTrigger) flow.trigger("chain").orElseThrow();
    assertThat(chain.statuses()).containsExactly("failed");
    assertThat(chain.inputs()).containsEntry("day", "${execution.id}");
    assertThat(flow.trigger("nope")).isEmpty();
  }
}
