package io.aispine.engine.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deliveries due later can be brought forward; durable timers cannot. The clock stands still. */
class TimersTest {

  private final Instant now = Instant.parse("2030-01-01T00:00:00Z");
  private final Timers timers = new Timers(() -> now);
  private final Set<String> ran = ConcurrentHashMap.newKeySet();

  TimersTest() {
    timers.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    timers.stop();
  }

  @Test
  void a_delivery_due_in_an_hour_runs_at_once_when_hurried() {
    timers.armDelivery("ex/a", now.plus(Duration.ofHours(1)), () -> ran.add("a"));

    timers.hurry("ex/a");

    await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("a"));
    assertThat(timers.size()).isZero();
  }

  @Test
  void a_hurry_before_the_delivery_is_armed_makes_it_due_at_once() {
    timers.hurry("ex/b");

    timers.armDelivery("ex/b", now.plus(Duration.ofHours(1)), () -> ran.add("b"));

    await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("b"));
  }

  @Test
  void a_durable_timer_is_never_brought_forward() {
    timers.arm("ex/c", now.plus(Duration.ofHours(1)), () -> ran.add("c"));
    timers.armDelivery("ex/d", now.plus(Duration.ofHours(1)), () -> ran.add("d"));

    timers.hurry("ex/c");
    timers.hurry("ex/d");

    await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("d"));
    assertThat(ran).doesNotContain("c");
    assertThat(timers.size()).isEqualTo(1);
  }
}
