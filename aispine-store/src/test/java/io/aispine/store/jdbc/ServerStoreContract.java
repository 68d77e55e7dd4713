package io.aispine.store.jdbc;

import static io.aispine.store.jdbc.Executions.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeRun;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.RunChange;
import io.aispine.store.AgentConflictException;
import io.aispine.store.AgentControls;
import io.aispine.store.AgentDeprecation;
import io.aispine.store.AgentDetails;
import io.aispine.store.AgentLimits;
import io.aispine.store.AgentPricing;
import io.aispine.store.ApiKey;
import io.aispine.store.ExecutionQuery;
import io.aispine.store.RegisteredAgent;
import io.aispine.store.StoreException;
import io.aispine.store.StoredEvent;
import io.aispine.store.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The behaviour every dialect must show for what the server stores: keys, agents, listings. */
abstract class ServerStoreContract extends StoreContract {

  private static final String HASH_A = "a".repeat(64);
  private static final String HASH_B = "b".repeat(64);

  @Test
  void finds_an_api_key_by_its_hash_only() {
    assertThat(store.apiKeys().count()).isZero();
    store.apiKeys().create(new ApiKey("key_1", "admin", "admin", HASH_A, T0, null));

    assertThat(store.apiKeys().count()).isEqualTo(1);
    assertThat(store.apiKeys().findByHash(HASH_A))
        .hasValueSatisfying(k -> assertThat(k.id()).isEqualTo("key_1"));
    assertThat(store.apiKeys().findByHash(HASH_B)).isEmpty();
  }

  @Test
  void records_when_a_key_was_last_used() {
    store.apiKeys().create(new ApiKey("key_1", "admin", "admin", HASH_A, T0, null));
    store.apiKeys().touch("key_1", T0.plusSeconds(60));
    reopen();
    assertThat(store.apiKeys().findByHash(HASH_A).orElseThrow().lastUsedAt())
        .isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void refuses_a_second_key_with_the_same_hash() {
    store.apiKeys().create(new ApiKey("key_1", "admin", "admin", HASH_A, T0, null));
    assertThatThrownBy(
            () -> store.apiKeys().create(new ApiKey("key_2", "ci", "viewer", HASH_A, T0, null)))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void keeps_agent_limit_overrides_and_drains_across_a_reopen() {
    store.agentControls().putLimits(new AgentControls.Limits("ocr", 20, null, T0));
    store.agentControls().putLimits(new AgentControls.Limits("ocr", 30, 4, T0.plusSeconds(1)));
    store.agentControls().drain(new AgentControls.Drain("ocr", null, T0));
    store.agentControls().drain(new AgentControls.Drain("ocr", null, T0.plusSeconds(9)));
    store.agentControls().drain(new AgentControls.Drain("kyc", "1.2.0", T0));
    reopen();

    assertThat(store.agentControls().limits("ocr"))
        .contains(new AgentControls.Limits("ocr", 30, 4, T0.plusSeconds(1)));
    assertThat(store.agentControls().limits("kyc")).isEmpty();
    assertThat(store.agentControls().drains())
        .containsExactly(
            new AgentControls.Drain("kyc", "1.2.0", T0), new AgentControls.Drain("ocr", null, T0));
    assertThat(store.agentControls().undrain("ocr", null)).isTrue();
    assertThat(store.agentControls().undrain("ocr", null)).isFalse();
    assertThat(store.agentControls().drains()).hasSize(1);
  }

  @Test
  void lists_the_calls_of_an_agent_newest_first_including_those_a_fallback_served() {
    ExecutionState state = Executions.running("ex_1", "f", 0);
    store
        .executions()
        .apply(
            List.of(
                new Transition(
                    state,
                    true,
                    List.of(),
                    List.of(
                        new RunChange.Scheduled("ex_1", "a", 1, "ocr@^1", Map.of(), T0),
                        new RunChange.Scheduled("ex_1", "b", 1, "ocr", Map.of(), T0),
                        new RunChange.Scheduled("ex_1", "c", 1, "ocr@^1", Map.of(), T0),
                        new RunChange.Scheduled("ex_1", "d", 1, "ocr@^1", Map.of(), T0)),
                    List.of(),
                    List.of())));
    store
        .executions()
        .apply(
            List.of(
                Executions.withRuns(
                    state,
                    new RunChange.Started("ex_1", "a", 1, T0.plusSeconds(1)),
                    new RunChange.Started("ex_1", "b", 1, T0.plusSeconds(2)),
                    new RunChange.Started("ex_1", "c", 1, T0.plusSeconds(3)))));
    store
        .executions()
        .apply(
            List.of(
                Executions.withRuns(
                    state,
                    new RunChange.Finished(
                        "ex_1",
                        "a",
                        1,
                        NodeStatus.FAILED,
                        null,
                        ErrorInfo.retryable("TIMEOUT", "slow"),
                        null,
                        T0.plusSeconds(4)),
                    new RunChange.Finished(
                        "ex_1",
                        "c",
                        1,
                        NodeStatus.SUCCEEDED,
                        Map.of(),
                        null,
                        null,
                        T0.plusSeconds(5),
                        "backup@^2"))));

    List<NodeRun> ocr = store.agentControls().recentCalls("ocr", 10);
    assertThat(ocr).extracting(NodeRun::path).containsExactly("b", "a");
    assertThat(ocr.get(0).status()).isEqualTo(NodeStatus.RUNNING);
    assertThat(ocr.get(1).error().code()).isEqualTo("TIMEOUT");
    assertThat(store.agentControls().recentCalls("ocr", 1)).hasSize(1);
    assertThat(store.agentControls().recentCalls("backup", 10))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.path()).isEqualTo("c");
              assertThat(c.agent()).isEqualTo("backup@^2");
            });
    assertThat(store.agentControls().callsSince(T0.plusSeconds(2)))
        .isEqualTo(Map.of("ocr", 1, "backup", 1));
  }

  @Test
  void registers_agent_versions_idempotently_and_lists_them_by_semantic_version() {
    var v10 = agent("reviewer", "1.10.0", "http://r:1");
    var v9 = agent("reviewer", "1.9.0", "http://r:2");
    store.agents().register(v10);
    store.agents().register(v9);
    store.agents().register(agent("ocr", "1.0.0", "http://o"));

    assertThat(store.agents().register(v10)).isEqualTo(v10);
    assertThat(store.agents().versions("reviewer"))
        .extracting(RegisteredAgent::version)
        .containsExactly("1.9.0", "1.10.0");
    assertThat(store.agents().all())
        .extracting(a -> a.name() + "@" + a.version())
        .containsExactly("ocr@1.0.0", "reviewer@1.9.0", "reviewer@1.10.0");
    assertThat(store.agents().versions("nobody")).isEmpty();
  }

  @Test
  void keeps_an_agent_secret_server_side_and_out_of_its_string_form() {
    store.agents().register(agent("reviewer", "1.0.0", "http://r"));
    reopen();
    RegisteredAgent stored = store.agents().versions("reviewer").getFirst();
    assertThat(stored.secret()).isEqualTo("s3cret-value");
    assertThat(stored.toString()).doesNotContain("s3cret-value");
  }

  @Test
  void erases_the_plaintext_secret_of_one_version_only() {
    store.agents().register(agent("reviewer", "1.0.0", "http://r"));
    store.agents().register(agent("reviewer", "1.1.0", "http://r"));

    assertThat(store.agents().eraseSecret("reviewer", "1.0.0")).isTrue();
    assertThat(store.agents().eraseSecret("reviewer", "1.0.0")).isFalse();
    reopen();

    assertThat(store.agents().versions("reviewer"))
        .extracting(RegisteredAgent::secret)
        .containsExactly(null, "s3cret-value");
  }

  @Test
  void refuses_an_agent_version_registered_again_with_another_url() {
    store.agents().register(agent("reviewer", "1.0.0", "http://r"));
    assertThatThrownBy(() -> store.agents().register(agent("reviewer", "1.0.0", "http://other")))
        .isInstanceOf(AgentConflictException.class)
        .hasMessageContaining("already registered at http://r");
  }

  @Test
  void keeps_a_versions_manifest_exactly() {
    RegisteredAgent withManifest = manifested("ocr", "1.4.0", "documents");
    store.agents().register(withManifest);
    store.agents().register(agent("ocr", "1.3.0", "http://o"));
    reopen();

    List<RegisteredAgent> versions = store.agents().versions("ocr");
    assertThat(versions.get(0).details()).isEqualTo(AgentDetails.NONE);
    assertThat(versions.get(1)).isEqualTo(withManifest);
    assertThat(versions.get(1).details().inputSchema())
        .isEqualTo(Map.of("type", "object", "required", List.of("image")));
    assertThat(versions.get(1).details().limits()).isEqualTo(new AgentLimits(60, 4));
    assertThat(store.agents().register(withManifest)).isEqualTo(withManifest);
  }

  @Test
  void refuses_an_agent_version_registered_again_with_another_manifest() {
    store.agents().register(manifested("ocr", "1.4.0", "documents"));
    assertThatThrownBy(() -> store.agents().register(manifested("ocr", "1.4.0", "images")))
        .isInstanceOf(AgentConflictException.class)
        .hasMessageContaining("another manifest");
  }

  @Test
  void deprecates_a_version_and_lifts_it_again() {
    store.agents().register(agent("reviewer", "1.0.0", "http://r"));
    store.agents().register(agent("reviewer", "1.1.0", "http://r"));

    assertThat(store.agents().deprecate("reviewer", "1.0.0", "use 1.1", T0.plusSeconds(5)))
        .hasValueSatisfying(
            a ->
                assertThat(a.deprecation())
                    .isEqualTo(new AgentDeprecation(T0.plusSeconds(5), "use 1.1")));
    reopen();
    assertThat(store.agents().versions("reviewer"))
        .extracting(RegisteredAgent::version, RegisteredAgent::deprecated)
        .containsExactly(tuple("1.0.0", true), tuple("1.1.0", false));

    assertThat(store.agents().undeprecate("reviewer", "1.0.0"))
        .hasValueSatisfying(a -> assertThat(a.deprecated()).isFalse());
    assertThat(store.agents().versions("reviewer").getFirst().deprecation()).isNull();
    assertThat(store.agents().deprecate("reviewer", "9.9.9", "x", T0)).isEmpty();
    assertThat(store.agents().undeprecate("nobody", "1.0.0")).isEmpty();
  }

  @Test
  void lists_executions_newest_first_with_filters_and_pages() {
    List<ExecutionState> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      var state = Executions.running("ex_" + i, i % 2 == 0 ? "even" : "odd", i * 1000L);
      all.add(
          i == 3 ? Executions.with(state, ExecutionStatus.FAILED, 0, java.util.Map.of()) : state);
    }
    // two executions at the same instant: the id breaks the tie
    all.add(Executions.running("ex_6b", "even", 6000L));
    store.executions().apply(all.stream().map(s -> Executions.stateOnly(s, true)).toList());

    assertThat(ids(ExecutionQuery.all(50)))
        .containsExactly("ex_6b", "ex_6", "ex_5", "ex_4", "ex_3", "ex_2", "ex_1", "ex_0");

    List<String> paged = new ArrayList<>();
    ExecutionQuery.Position after = null;
    while (true) {
      var page = store.executions().list(new ExecutionQuery(null, Set.of(), null, null, after, 3));
      page.forEach(s -> paged.add(s.id()));
      if (page.size() < 3) {
        break;
      }
      ExecutionState last = page.getLast();
      after = new ExecutionQuery.Position(last.createdAt(), last.id());
    }
    assertThat(paged).containsExactlyElementsOf(ids(ExecutionQuery.all(50)));

    assertThat(ids(new ExecutionQuery("odd", Set.of(), null, null, null, 50)))
        .containsExactly("ex_5", "ex_3", "ex_1");
    assertThat(ids(new ExecutionQuery(null, Set.of(ExecutionStatus.FAILED), null, null, null, 50)))
        .containsExactly("ex_3");
    assertThat(
            ids(
                new ExecutionQuery(
                    null, Set.of(), T0.plusMillis(2000), T0.plusMillis(5000), null, 50)))
        .containsExactly("ex_4", "ex_3", "ex_2");
  }

  @Test
  void lists_the_replays_of_an_execution_also_after_they_change() {
    var origin = Executions.running("ex_o", "f", 0);
    var first = replayOf("ex_r1", "ex_o", 1000);
    var second = replayOf("ex_r2", "ex_o", 2000);
    var other = replayOf("ex_r3", "ex_other", 3000);
    store
        .executions()
        .apply(
            List.of(origin, first, second, other).stream()
                .map(s -> Executions.stateOnly(s, true))
                .toList());
    var firstLater = Executions.with(first, ExecutionStatus.SUCCEEDED, 1, java.util.Map.of());
    store.executions().apply(List.of(Executions.stateOnly(firstLater, false)));

    var query = new ExecutionQuery(null, Set.of(), null, null, null, 50, "ex_o");
    assertThat(ids(query)).containsExactly("ex_r2", "ex_r1");
    assertThat(store.executions().find("ex_r1").orElseThrow().replayOf().execution())
        .isEqualTo("ex_o");
    assertThat(ids(ExecutionQuery.all(50))).hasSize(4);
  }

  private static ExecutionState replayOf(String id, String originId, long offsetMillis) {
    var s = Executions.running(id, "f", offsetMillis);
    return new ExecutionState(
        s.id(),
        s.flowId(),
        s.flowVersion(),
        s.status(),
        s.inputs(),
        s.nodes(),
        s.outputs(),
        s.error(),
        s.createdAt(),
        s.finishedAt(),
        s.lastSeq(),
        new io.aispine.execution.ReplayOrigin(originId, "a", List.of(), List.of()));
  }

  @Test
  void gives_every_event_a_global_position_in_commit_order() {
    assertThat(store.executions().lastEventPosition()).isZero();
    var a = Executions.running("ex_a", "f", 0);
    var b = Executions.running("ex_b", "f", 1);
    store.executions().apply(List.of(Executions.stateOnly(a, true), Executions.stateOnly(b, true)));
    store
        .executions()
        .apply(
            List.of(
                Executions.withEvents(
                    a, Executions.event("ex_a", 1, EventType.EXECUTION_STARTED, null)),
                Executions.withEvents(
                    b, Executions.event("ex_b", 1, EventType.EXECUTION_STARTED, null))));
    store
        .executions()
        .apply(
            List.of(
                Executions.withEvents(
                    a,
                    Executions.event("ex_a", 2, EventType.NODE_STARTED, "x"),
                    Executions.event("ex_a", 3, EventType.NODE_COMPLETED, "x"))));

    List<StoredEvent> events = store.executions().eventsAfterPosition(0, 100);
    assertThat(events)
        .extracting(e -> e.event().executionId() + ":" + e.event().seq())
        .containsExactly("ex_a:1", "ex_b:1", "ex_a:2", "ex_a:3");
    assertThat(events).extracting(StoredEvent::position).isSorted().doesNotHaveDuplicates();
    long second = events.get(1).position();
    assertThat(store.executions().eventsAfterPosition(second, 1))
        .extracting(e -> e.event().executionId() + ":" + e.event().seq())
        .containsExactly("ex_a:2");
    assertThat(store.executions().lastEventPosition()).isEqualTo(events.getLast().position());
    assertThat(events.getFirst().event())
        .isEqualTo(Executions.event("ex_a", 1, EventType.EXECUTION_STARTED, null));
  }

  @Test
  void does_not_move_positions_when_a_batch_is_replayed() {
    var a = Executions.running("ex_a", "f", 0);
    var started =
        Executions.withEvents(a, Executions.event("ex_a", 1, EventType.EXECUTION_STARTED, null));
    store.executions().apply(List.of(Executions.stateOnly(a, true), started));
    long before = store.executions().lastEventPosition();
    store.executions().apply(List.of(started));
    assertThat(store.executions().eventsAfterPosition(0, 10)).hasSize(1);
    assertThat(store.executions().eventsAfterPosition(0, 10).getFirst().position())
        .isEqualTo(before);
  }

  private List<String> ids(ExecutionQuery query) {
    return store.executions().list(query).stream().map(ExecutionState::id).toList();
  }

  private static RegisteredAgent manifested(String name, String version, String category) {
    var details =
        new AgentDetails(
            category,
            List.of("ocr", "kyc"),
            Map.of("type", "object", "required", List.of("image")),
            true,
            Map.of("image", "x"),
            new AgentPricing("per_token", null, 0.0000025, 0.00001),
            new AgentLimits(60, 4),
            true,
            List.of("delete"));
    return new RegisteredAgent(name, version, "http://o", "reads IDs", null, T0, details, null);
  }

  private static RegisteredAgent agent(String name, String version, String url) {
    return new RegisteredAgent(name, version, url, "reviews things", "s3cret-value", T0);
  }
}
