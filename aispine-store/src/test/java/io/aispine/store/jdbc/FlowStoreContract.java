package io.aispine.store.jdbc;

import static io.aispine.store.jdbc.Executions.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.store.FlowConflictException;
import io.aispine.store.FlowReview;
import io.aispine.store.FlowStatus;
import io.aispine.store.FlowStore;
import io.aispine.store.PanicState;
import io.aispine.store.StoredFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link FlowStore} dialect must show. */
abstract class FlowStoreContract extends StoreContract {

  private FlowStore flows() {
    return store.flows();
  }

  private static StoredFlow flow(String id, String version, String source) {
    return new StoredFlow(id, version, source, T0);
  }

  @Test
  void a_deployed_version_is_a_draft_of_its_author_until_approved() {
    flows().deploy(flow("kyc", "1.0.0", "src"), "key_a");

    FlowReview draft = flows().review("kyc", "1.0.0").orElseThrow();
    boolean approved = flows().approve("kyc", "1.0.0", "key_b", T0.plusSeconds(5));
    boolean again = flows().approve("kyc", "1.0.0", "key_c", T0.plusSeconds(6));

    assertThat(draft).isEqualTo(FlowReview.draft("key_a"));
    assertThat(approved).isTrue();
    assertThat(again).isFalse();
    assertThat(flows().review("kyc", "1.0.0"))
        .contains(new FlowReview(FlowStatus.APPROVED, "key_a", "key_b", T0.plusSeconds(5), null));
    assertThat(flows().review("kyc", "9.0.0")).isEmpty();
    assertThat(flows().approve("kyc", "9.0.0", "key_b", T0)).isFalse();
  }

  @Test
  void a_rejection_keeps_its_reason_withdraws_an_approval_and_is_final() {
    flows().deploy(flow("kyc", "1.0.0", "src"), "key_a");
    flows().deploy(flow("kyc", "1.1.0", "src2"), "key_a");
    flows().approve("kyc", "1.0.0", "key_b", T0);

    assertThat(flows().reject("kyc", "1.0.0", "key_b", T0, "leaks")).isTrue();
    assertThat(flows().reject("kyc", "1.1.0", "key_b", T0, "too slow")).isTrue();
    assertThat(flows().reject("kyc", "1.1.0", "key_b", T0, "twice")).isFalse();
    assertThat(flows().approve("kyc", "1.1.0", "key_b", T0)).isFalse();
    assertThat(flows().reviews("kyc"))
        .containsOnlyKeys("1.0.0", "1.1.0")
        .allSatisfy(
            (version, review) -> assertThat(review.status()).isEqualTo(FlowStatus.REJECTED));
    assertThat(flows().review("kyc", "1.1.0").orElseThrow().reason()).isEqualTo("too slow");
  }

  @Test
  void of_racing_approvals_exactly_one_wins() throws Exception {
    flows().deploy(flow("kyc", "1.0.0", "src"), "key_a");
    Callable<Boolean> approve = () -> flows().approve("kyc", "1.0.0", "key_b", T0);

    List<Boolean> won = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(approve));
      }
      for (Future<Boolean> answer : answers) {
        won.add(answer.get());
      }
    }

    assertThat(won).filteredOn(w -> w).hasSize(1);
  }

  @Test
  void panic_mode_is_kept_until_switched_off() {
    var on = new PanicState(T0, "key_admin", "INC-1");

    store.panic().set(on);
    store.panic().set(new PanicState(T0.plusSeconds(9), "key_other", "INC-1 still"));
    var kept = store.panic().current();
    store.panic().set(null);

    assertThat(kept).contains(new PanicState(T0, "key_admin", "INC-1 still"));
    assertThat(store.panic().current()).isEmpty();
  }

  @Test
  void saves_and_finds_a_flow_version() {
    StoredFlow kyc = flow("kyc", "1.0.0", "id: kyc\nversion: 1.0.0\n");

    flows().save(kyc);

    assertThat(flows().find("kyc", "1.0.0")).contains(kyc);
    assertThat(flows().find("kyc", "2.0.0")).isEmpty();
    assertThat(flows().find("other", "1.0.0")).isEmpty();
  }

  @Test
  void stamps_a_flow_saved_without_creation_time() {
    flows().save(new StoredFlow("kyc", "1.0.0", "src", null));

    assertThat(flows().find("kyc", "1.0.0").orElseThrow().createdAt()).isNotNull();
  }

  @Test
  void saving_the_same_source_again_changes_nothing() {
    StoredFlow kyc = flow("kyc", "1.0.0", "src");
    flows().save(kyc);

    flows().save(new StoredFlow("kyc", "1.0.0", "src", T0.plusSeconds(60)));

    assertThat(flows().versions("kyc")).containsExactly(kyc);
  }

  @Test
  void rejects_another_source_for_a_stored_version() {
    flows().save(flow("kyc", "1.0.0", "src"));

    assertThatThrownBy(() -> flows().save(flow("kyc", "1.0.0", "changed")))
        .isInstanceOf(FlowConflictException.class)
        .hasMessageContaining("kyc")
        .hasMessageContaining("1.0.0");
    assertThat(flows().find("kyc", "1.0.0").orElseThrow().source()).isEqualTo("src");
  }

  @Test
  void lets_exactly_one_of_two_concurrent_conflicting_saves_win() throws Exception {
    List<Callable<Boolean>> saves = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String source = "source " + i;
      saves.add(
          () -> {
            try {
              flows().save(flow("race", "1.0.0", source));
              return true;
            } catch (FlowConflictException e) {
              return false;
            }
          });
    }
    int winners = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<Boolean> saved : pool.invokeAll(saves)) {
        winners += saved.get() ? 1 : 0;
      }
    }

    assertThat(winners).isEqualTo(1);
    assertThat(flows().versions("race")).hasSize(1);
  }

  @Test
  void lists_versions_oldest_first_by_semantic_version() {
    for (String version : List.of("1.10.0", "1.2.0", "1.0.0", "1.0.0-rc.1", "1.9.3")) {
      flows().save(flow("kyc", version, "v" + version));
    }

    assertThat(flows().versions("kyc"))
        .extracting(StoredFlow::version)
        .containsExactly("1.0.0-rc.1", "1.0.0", "1.2.0", "1.9.3", "1.10.0");
    assertThat(flows().versions("unknown")).isEmpty();
  }

  @Test
  void returns_the_latest_version_of_every_flow_by_id() {
    flows().save(flow("zeta", "1.0.0", "z1"));
    flows().save(flow("alpha", "1.10.0", "a110"));
    flows().save(flow("alpha", "1.9.0", "a19"));

    assertThat(flows().latest())
        .containsExactly(flow("alpha", "1.10.0", "a110"), flow("zeta", "1.0.0", "z1"));
  }

  @Test
  void rejects_a_version_that_is_not_semantic() {
    assertThatThrownBy(() -> flows().save(flow("kyc", "v1", "src")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a semantic version");
  }

  @Test
  void keeps_flows_across_a_restart() {
    flows().save(flow("kyc", "1.0.0", "src"));

    reopen();

    assertThat(flows().find("kyc", "1.0.0")).contains(flow("kyc", "1.0.0", "src"));
  }
}
