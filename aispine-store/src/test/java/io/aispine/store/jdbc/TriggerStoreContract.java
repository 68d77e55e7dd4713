package io.aispine.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.store.TriggerStore;
import io.aispine.store.TriggerStore.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The behaviour every dialect must show for triggers: declarations, pauses and fenced leases. */
abstract class TriggerStoreContract extends StoreContract {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private static Row schedule(String workspace, String flow, String id, String spec, Instant next) {
    return new Row(workspace, flow, id, "schedule", "1.0.0", spec, next, false, null);
  }

  @Test
  void a_redeclared_schedule_keeps_its_next_fire_and_pause_unless_its_spec_changed() {
    TriggerStore triggers = store.triggers();
    triggers.declare(schedule("default", "report", "nightly", "0 2 * * *|UTC", T0));
    triggers.setPaused("report", "nightly", true, null);
    triggers.declare(schedule("default", "report", "nightly", "0 2 * * *|UTC", T0.plusSeconds(99)));
    Row same = triggers.find("report", "nightly").orElseThrow();
    assertThat(same.nextFireAt()).isEqualTo(T0);
    assertThat(same.paused()).isTrue();

    triggers.declare(
        new Row(
            "default",
            "report",
            "nightly",
            "schedule",
            "1.1.0",
            "0 3 * * *|UTC",
            T0.plusSeconds(60),
            false,
            null));
    Row changed = triggers.find("report", "nightly").orElseThrow();
    assertThat(changed.nextFireAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(changed.flowVersion()).isEqualTo("1.1.0");
    assertThat(changed.name()).isEqualTo("report.nightly");

    triggers.setPaused("report", "nightly", false, T0.plusSeconds(600));
    assertThat(triggers.find("report", "nightly").orElseThrow().nextFireAt())
        .isEqualTo(T0.plusSeconds(600));
    assertThat(triggers.setPaused("report", "nope", true, null)).isFalse();
    reopen();
    assertThat(store.triggers().find("report", "nightly").orElseThrow().paused()).isFalse();
  }

  @Test
  void lists_by_workspace_and_retains_only_what_the_flow_still_declares() {
    TriggerStore triggers = store.triggers();
    triggers.declare(schedule("default", "a", "one", "s", T0));
    triggers.declare(new Row("default", "a", "two", "webhook", "1.0.0", "", null, false, null));
    triggers.declare(schedule("acme", "b", "one", "s", T0));
    assertThat(triggers.list("default")).extracting(Row::name).containsExactly("a.one", "a.two");
    assertThat(triggers.list("acme")).extracting(Row::name).containsExactly("b.one");
    assertThat(triggers.list(null)).hasSize(3);

    triggers.retainOnly("a", Set.of("two"));
    assertThat(triggers.list("default")).extracting(Row::name).containsExactly("a.two");
  }

  @Test
  void a_lease_is_held_by_one_owner_until_it_expires_and_advance_is_fenced() {
    TriggerStore triggers = store.triggers();
    triggers.declare(schedule("default", "a", "one", "s", T0));
    Instant until = T0.plusSeconds(15);
    assertThat(triggers.lease("a", "one", "node-1", T0, until)).isTrue();
    assertThat(triggers.lease("a", "one", "node-2", T0.plusSeconds(1), until)).isFalse();
    assertThat(triggers.advance("a", "one", "node-2", T0.plusSeconds(60), "ex_2")).isFalse();
    // node-1 crashed holding it: node-2 takes it once it expired
    assertThat(triggers.lease("a", "one", "node-2", T0.plusSeconds(16), T0.plusSeconds(31)))
        .isTrue();
    assertThat(triggers.advance("a", "one", "node-1", T0.plusSeconds(60), "ex_1")).isFalse();
    assertThat(triggers.advance("a", "one", "node-2", T0.plusSeconds(60), "ex_2")).isTrue();
    Row row = triggers.find("a", "one").orElseThrow();
    assertThat(row.nextFireAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(row.lastExecution()).isEqualTo("ex_2");
    // released: anyone may take it again
    assertThat(triggers.lease("a", "one", "node-1", T0.plusSeconds(17), until)).isTrue();
  }

  @Test
  void of_many_servers_leasing_at_once_exactly_one_wins() throws Exception {
    TriggerStore triggers = store.triggers();
    triggers.declare(schedule("default", "a", "one", "s", T0));
    int contenders = 8;
    var ready = new CountDownLatch(contenders);
    var go = new CountDownLatch(1);
    List<Callable<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < contenders; i++) {
      String owner = "node-" + i;
      calls.add(
          () -> {
            ready.countDown();
            go.await();
            return triggers.lease("a", "one", owner, T0, T0.plus(Duration.ofSeconds(15)));
          });
    }
    try (var pool = Executors.newFixedThreadPool(contenders)) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (var call : calls) {
        results.add(pool.submit(call));
      }
      ready.await();
      go.countDown();
      int won = 0;
      for (var result : results) {
        won += result.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    }
  }
}
