package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.decision;
import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.flowWithInputs;
import static io.aispine.engine.decider.Flows.onError;
import static io.aispine.engine.decider.Flows.task;
import static io.aispine.engine.decider.Flows.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.engine.ExecutionNotFinishedException;
import io.aispine.engine.InvalidInputsException;
import io.aispine.engine.InvalidReplayException;
import io.aispine.engine.ReplayRequest;
import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.Handling;
import io.aispine.execution.NodeStatus;
import io.aispine.execution.ReplayOrigin;
import io.aispine.flow.Flow;
import io.aispine.flow.InputSpec;
import io.aispine.flow.InputType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Time travel: which nodes a replay reuses, what it runs again, and what it refuses. */
class DeciderReplayTest {

  private static final ErrorInfo BROKEN = ErrorInfo.permanent("BROKEN", "the service said no");

  /** a -> b -> c -> d, each passing on what it got. */
  private static Flow chain() {
    return flow(
        Map.of("last", "${nodes.d.output.v}"),
        task("a", Map.of("v", "a")),
        task("b", Map.of("v", "${nodes.a.output.v}b"), "a"),
        task("c", Map.of("v", "${nodes.b.output.v}c"), "b"),
        task("d", Map.of("v", "${nodes.c.output.v}d"), "c"));
  }

  /** Runs every scheduled task until the execution ends, each echoing its input. */
  private static void runToEnd(Scenario s) {
    while (!s.state().status().terminal()) {
      String next =
          s.state().nodes().entrySet().stream()
              .filter(e -> e.getValue().status() == NodeStatus.SCHEDULED)
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow(() -> new AssertionError("nothing scheduled in " + s.state()));
      s.run(next, s.scheduledInput(next));
    }
  }

  @Test
  void replays_a_chain_from_a_middle_node_reusing_what_came_before() {
    var origin = Scenario.of(chain());
    origin.start();
    runToEnd(origin);
    assertThat(origin.state().outputs()).isEqualTo(Map.of("last", "abcd"));

    var replay = origin.replay(ReplayRequest.from("c"));
    Decision started = replay.start();

    assertThat(started.events())
        .extracting(e -> e.type().wireName(), ExecutionEvent::nodePath)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("execution.started", null),
            org.assertj.core.groups.Tuple.tuple("node.reused", "a"),
            org.assertj.core.groups.Tuple.tuple("node.reused", "b"),
            org.assertj.core.groups.Tuple.tuple("node.scheduled", "c"));
    assertThat(started.events().get(0).data())
        .containsEntry("replay_of", Map.of("execution", "ex_test", "from", "c"));
    assertThat(started.events().get(1).data())
        .containsEntry("origin", "ex_test")
        .containsEntry("status", "succeeded");
    assertThat(replay.runTasks())
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.path()).isEqualTo("c");
              assertThat(run.attempt()).isEqualTo(1);
              assertThat(run.input()).isEqualTo(Map.of("v", "abc"));
            });
    assertThat(replay.node("b").output()).isEqualTo(Map.of("v", "ab"));
    assertThat(replay.node("b").attempt()).isZero();
    assertThat(replay.status("d")).isEqualTo(NodeStatus.PENDING);
    assertThat(replay.state().replayOf())
        .isEqualTo(new ReplayOrigin("ex_test", "c", List.of("a", "b"), List.of()));

    runToEnd(replay);
    assertThat(replay.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(replay.state().outputs()).isEqualTo(Map.of("last", "abcd"));
  }

  @Test
  void an_output_override_of_a_reused_node_reaches_the_nodes_that_run_again() {
    var origin = Scenario.of(chain());
    origin.start();
    runToEnd(origin);

    var replay = origin.replay(new ReplayRequest("c", Map.of(), Map.of("b", Map.of("v", "B"))));
    Decision started = replay.start();

    assertThat(replay.runTasks().getFirst().input()).isEqualTo(Map.of("v", "Bc"));
    assertThat(started.events().get(2).data()).containsEntry("overridden", true);
    assertThat(replay.state().replayOf().overridden()).containsExactly("b");
    runToEnd(replay);
    assertThat(replay.state().outputs()).isEqualTo(Map.of("last", "Bcd"));
  }

  @Test
  void in_a_diamond_the_other_branch_is_reused_and_the_join_runs_again() {
    var s = Scenario.of(flow(task("a"), task("b", "a"), task("c", "a"), task("d", "b", "c")));
    s.start();
    s.run("a", Map.of("v", 1));
    s.run("b", Map.of("v", 2));
    s.run("c", Map.of("v", 3));
    s.run("d", Map.of("v", 4));

    var replay = s.replay(ReplayRequest.from("b"));
    replay.start();

    assertThat(replay.state().replayOf().reused()).containsExactly("a", "c");
    assertThat(replay.scheduledPaths()).containsExactly("b");
    assertThat(replay.node("c").output()).isEqualTo(Map.of("v", 3));
    assertThat(replay.status("d")).isEqualTo(NodeStatus.PENDING);
    replay.run("b", Map.of("v", 20));
    assertThat(replay.scheduledPaths()).containsExactly("d");
  }

  @Test
  void a_branch_the_decision_did_not_take_stays_skipped_when_the_decision_is_reused() {
    Flow flow =
        flowWithInputs(
            Map.of("ok", new InputSpec("ok", InputType.BOOLEAN, true, null, "")),
            task("a"),
            decision("d", List.of(when("inputs.ok", "yes")), List.of("no"), "a"),
            task("yes"),
            task("no"),
            task("after", io.aispine.flow.TriggerRule.ONE_SUCCESS, "yes", "no"));
    var s = Scenario.of(flow, Map.of("ok", true));
    s.start();
    s.run("a", Map.of());
    s.run("yes", Map.of("said", "yes"));
    s.run("after", Map.of());
    assertThat(s.node("no").reason()).isEqualTo("not_activated");

    var fromAfter = s.replay(ReplayRequest.from("after"));
    fromAfter.start();
    assertThat(fromAfter.state().replayOf().reused()).containsExactly("a", "d", "yes", "no");
    assertThat(fromAfter.status("no")).isEqualTo(NodeStatus.SKIPPED);
    assertThat(fromAfter.node("no").reason()).isEqualTo("not_activated");
    assertThat(fromAfter.eventsOf("no")).containsExactly("node.reused");
    assertThat(fromAfter.scheduledPaths()).containsExactly("after");

    // from the decision, with another input: it decides again and takes the other branch
    var fromDecision = s.replay(new ReplayRequest("d", Map.of("ok", false), Map.of()));
    Decision started = fromDecision.start();
    assertThat(fromDecision.state().replayOf().reused()).containsExactly("a");
    assertThat(fromDecision.state().inputs()).isEqualTo(Map.of("ok", false));
    assertThat(fromDecision.node("d").output())
        .isEqualTo(Map.of("branch", "no", "targets", List.of("no")));
    assertThat(fromDecision.status("yes")).isEqualTo(NodeStatus.SKIPPED);
    assertThat(started.commands()).extracting(Command::path).containsExactly("no");
  }

  @Test
  void a_handled_failure_and_its_fallback_are_reused_and_both_run_again_from_the_failing_node() {
    var s =
        Scenario.of(flow(task("a", onError("rescue")), task("rescue"), task("after", "rescue")));
    s.start();
    s.runAndFail("a", BROKEN);
    s.run("rescue", Map.of("rescued", true));
    s.run("after", Map.of());
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    var fromAfter = s.replay(ReplayRequest.from("after"));
    fromAfter.start();
    assertThat(fromAfter.state().replayOf().reused()).containsExactly("a", "rescue");
    assertThat(fromAfter.node("a").handling()).isEqualTo(Handling.FALLBACK);
    assertThat(fromAfter.scheduledPaths()).containsExactly("after");

    var fromA = s.replay(ReplayRequest.from("a"));
    fromA.start();
    assertThat(fromA.state().replayOf().reused()).isEmpty();
    assertThat(fromA.scheduledPaths()).containsExactly("a");
    fromA.run("a", Map.of());
    // a succeeded this time: its fallback is not activated, and what needed it is skipped
    assertThat(fromA.node("rescue").reason()).isEqualTo("not_activated");
    assertThat(fromA.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void an_unhandled_failure_before_the_replayed_node_runs_again() {
    var s = Scenario.of(flow(task("a"), task("b", "a"), task("c", "b")));
    s.start();
    s.run("a", Map.of());
    s.runAndFail("b", BROKEN);
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);

    var replay = s.replay(ReplayRequest.from("c"));
    replay.start();

    assertThat(replay.state().replayOf().reused()).containsExactly("a");
    assertThat(replay.scheduledPaths()).containsExactly("b");
    assertThat(replay.runTasks().getFirst().attempt()).isEqualTo(1);
  }

  @Test
  void replays_a_cancelled_execution_and_from_a_nested_path_uses_its_top_level_node() {
    var s = Scenario.of(chain());
    s.start();
    s.run("a", Map.of("v", "a"));
    s.cancel("enough");

    var replay = s.replay(ReplayRequest.from("b/3/score"));
    replay.start();

    assertThat(replay.state().replayOf().from()).isEqualTo("b");
    assertThat(replay.state().replayOf().reused()).containsExactly("a");
    assertThat(replay.scheduledPaths()).containsExactly("b");
  }

  @Test
  void refuses_to_replay_a_running_execution() {
    var s = Scenario.of(chain());
    s.start();

    assertThatThrownBy(() -> s.replay(ReplayRequest.from("c")))
        .isInstanceOf(ExecutionNotFinishedException.class)
        .hasMessageContaining("still running");
  }

  @Test
  void refuses_a_from_that_is_not_a_node_suggesting_the_closest() {
    var s = finishedChain();

    assertThatThrownBy(() -> s.replay(ReplayRequest.from("cc")))
        .isInstanceOfSatisfying(
            InvalidReplayException.class, e -> assertThat(e.field()).isEqualTo("/from"))
        .hasMessageContaining("has no node 'cc' (did you mean 'c'?)")
        .hasMessageContaining("its nodes: a, b, c, d");
    assertThatThrownBy(() -> s.replay(ReplayRequest.from(" ")))
        .isInstanceOf(InvalidReplayException.class)
        .hasMessageContaining("must name a node");
  }

  @Test
  void refuses_output_overrides_of_nodes_that_run_again_or_do_not_exist() {
    var s = finishedChain();

    assertOverrideRefused(s, "c", "c", "runs again in this replay");
    assertOverrideRefused(s, "c", "d", "runs again in this replay");
    assertOverrideRefused(s, "c", "bb", "no such node (did you mean 'b'?)");
    // b was computed from a's recorded output: overriding a alone would leave b stale
    assertOverrideRefused(s, "c", "a", "b reuse a result computed from its recorded output");
  }

  @Test
  void refuses_to_override_a_decision_or_a_skipped_node() {
    var s =
        Scenario.of(
            flow(
                task("a"),
                decision("d", List.of(when("true", "yes")), List.of("no"), "a"),
                task("yes"),
                task("no"),
                task("z", io.aispine.flow.TriggerRule.ALL_DONE, "yes", "no")));
    s.start();
    s.run("a", Map.of());
    s.run("yes", Map.of());
    s.run("z", Map.of());

    assertOverrideRefused(s, "z", "no", "skipped in ex_test");
    assertOverrideRefused(s, "z", "d", "is a decision");
  }

  @Test
  void overrides_a_node_and_its_reused_dependent_together() {
    var s = finishedChain();

    var replay =
        s.replay(
            new ReplayRequest("c", Map.of(), Map.of("a", Map.of("v", "A"), "b", Map.of("v", "B"))));
    replay.start();

    assertThat(replay.runTasks().getFirst().input()).isEqualTo(Map.of("v", "Bc"));
  }

  @Test
  void names_every_reused_dependent_an_override_would_leave_stale() {
    var s =
        Scenario.of(
            flow(
                task("a", Map.of("v", "a")),
                task("b1", Map.of("v", "${nodes.a.output.v}1"), "a"),
                task("b2", Map.of("v", "${nodes.a.output.v}2"), "a"),
                task("c", "b1", "b2")));
    s.start();
    runToEnd(s);

    assertOverrideRefused(s, "c", "a", "b1, b2 reuse a result computed from its recorded output");
    assertOverrideRefused(s, "c", "a", "override them too, or replay from b1");
  }

  @Test
  void says_why_a_node_that_is_not_reused_cannot_be_overridden() {
    // a fails unhandled, b runs anyway (all_done) and succeeds, c follows b
    var s =
        Scenario.of(
            flow(
                task("a"),
                task("b", io.aispine.flow.TriggerRule.ALL_DONE, "a"),
                task("c", "b"),
                task("x")));
    s.start();
    s.runAndFail("a", BROKEN);
    s.run("b", Map.of());
    s.run("c", Map.of());
    s.run("x", Map.of());
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);

    assertOverrideRefused(s, "x", "a", "it is not reused (it ended failed in ex_test)");
    assertOverrideRefused(s, "x", "b", "it is not reused (a node it depends on runs again)");
  }

  @Test
  void cuts_a_long_unknown_node_name_in_the_message() {
    var s = finishedChain();
    String name = "n".repeat(200);

    assertThatThrownBy(() -> s.replay(ReplayRequest.from(name)))
        .isInstanceOf(InvalidReplayException.class)
        .hasMessageContaining("has no node '" + "n".repeat(77) + "...'");
    assertThatThrownBy(
            () -> s.replay(new ReplayRequest("c", Map.of(), Map.of(name, Map.of("x", 1)))))
        .isInstanceOf(InvalidReplayException.class)
        .hasMessageStartingWith(
            "cannot override the output of '" + "n".repeat(77) + "...': the flow has no such node");
  }

  @Test
  void merged_inputs_are_validated_like_a_start() {
    Flow flow =
        flowWithInputs(
            Map.of("name", new InputSpec("name", InputType.STRING, true, null, "")),
            task("a", Map.of("hi", "${inputs.name}")),
            task("b", "a"));
    var s = Scenario.of(flow, Map.of("name", "Ada"));
    s.start();
    s.run("a", Map.of());
    s.run("b", Map.of());

    assertThatThrownBy(() -> s.replay(new ReplayRequest("a", Map.of("name", 5), Map.of())))
        .isInstanceOf(InvalidInputsException.class)
        .hasMessageContaining("input 'name' must be string");
    assertThatThrownBy(() -> s.replay(new ReplayRequest("a", Map.of("nmae", "x"), Map.of())))
        .isInstanceOf(InvalidInputsException.class)
        .hasMessageContaining("input 'nmae' is not declared");
    var replay = s.replay(new ReplayRequest("a", Map.of("name", "Grace"), Map.of()));
    replay.start();
    assertThat(replay.runTasks().getFirst().input()).isEqualTo(Map.of("hi", "Grace"));
  }

  private static Scenario finishedChain() {
    var s = Scenario.of(chain());
    s.start();
    runToEnd(s);
    return s;
  }

  private static void assertOverrideRefused(Scenario s, String from, String node, String message) {
    assertThatThrownBy(
            () -> s.replay(new ReplayRequest(from, Map.of(), Map.of(node, Map.of("x", 1)))))
        .as("override of %s replaying from %s", node, from)
        .isInstanceOfSatisfying(
            InvalidReplayException.class, e -> assertThat(e.field()).isEqualTo("/outputs/" + node))
        .hasMessageContaining("cannot override the output of '" + node + "'")
        .hasMessageContaining(message);
  }
}
