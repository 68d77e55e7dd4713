package io.aispine.server.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.store.StoredEvent;
import io.aispine.store.Transition;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFeedTest {

  @TempDir Path dataDir;

  @Test
  void drops_a_client_that_falls_behind_without_holding_up_the_others() throws Exception {
    try (JdbcStore store = JdbcStore.openDataDir(dataDir);
        EventFeed feed = new EventFeed(store.executions(), 3)) {
      Subscription slow = feed.subscribe(e -> true);
      Subscription reading = feed.subscribe(e -> true);
      List<Long> read = new ArrayList<>();
      Thread reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      for (StoredEvent e = reading.next(5000);
                          e != null && e != Subscription.END;
                          e = reading.next(5000)) {
                        read.add(e.event().seq());
                        if (read.size() == 10) {
                          return;
                        }
                      }
                    } catch (InterruptedException ignored) {
                      Thread.currentThread().interrupt();
                    }
                  });

      for (int seq = 1; seq <= 10; seq++) {
        store.executions().apply(List.of(event(seq)));
        feed.wake();
        Thread.sleep(20); // let the feed read this commit alone, as a live engine would
      }
      reader.join(10_000);

      assertThat(read).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
      assertThat(slow.overflowed()).isTrue();
      List<StoredEvent> drained = new ArrayList<>();
      for (StoredEvent e = slow.next(100); e != Subscription.END; e = slow.next(100)) {
        drained.add(e);
      }
      assertThat(drained).isEmpty(); // dropped: it reads END at once and reconnects to resume
      assertThat(feed.clients()).isEqualTo(1);
    }
  }

  private static Transition event(long seq) {
    Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
    var state =
        new ExecutionState(
            "ex_feed",
            "f",
            "1.0.0",
            ExecutionStatus.RUNNING,
            Map.of(),
            Map.of(),
            Map.of(),
            null,
            t0,
            null,
            seq);
    var event =
        new ExecutionEvent(
            "ex_feed", seq, EventType.NODE_STARTED, "n" + seq, 1, t0.plusMillis(seq), Map.of());
    return new Transition(state, seq == 1, List.of(event), List.of(), List.of(), List.of());
  }
}
