package io.aispine.engine.decider;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import io.aispine.flow.FlowParser;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.InstanceOfAssertFactory;
import org.assertj.core.api.MapAssert;
import org.junit.jupiter.api.Test;

class DeciderForkTest {

  private static final InstanceOfAssertFactory<Map, MapAssert<String, Object>> MAP =
      InstanceOfAssertFactories.map(String.class, Object.class);

  private static String race(String join) {
    return """
        id: race
        version: 1.0.0
        nodes:
          - id: race
            type: fork
            branches:
              fast:
                - id: quick
                  agent: echo
              slow:
                - id: first_step
                  agent: echo
                - id: second_step
                  agent: echo
                  needs: first_step
            join: %s
          - id: after
            agent: echo
            needs: race
            with: {winner: "${nodes.race.output.winner}"}
        """
        .formatted(join);
  }

  @Test
  void all_waits_for_every_branch_and_holds_every_value() {
    var s = Scenario.of(FlowParser.parse(race("{strategy: all}"), "race.yaml"));
    s.start();
    assertThat(s.scheduledPaths()).containsExactly("race/fast/quick", "race/slow/first_step");
    s.run("race/fast/quick", "q");
    assertThat(s.status("race")).isEqualTo(NodeStatus.RUNNING);
    s.run("race/slow/first_step", "1");
    s.run("race/slow/second_step", "2");

    assertThat(s.status("race")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(s.node("race").output())
        .extracting("branches")
        .isEqualTo(Map.of("fast", "q", "slow", "2"));
    assertThat(s.scheduledPaths()).containsExactly("after");
  }

  @Test
  void all_fails_on_a_failed_branch_and_cancels_the_others() {
    var s = Scenario.of(FlowParser.parse(race("{strategy: all}"), "race.yaml"));
    s.start();
    s.claim("race/slow/first_step");
    Decision d = s.runAndFail("race/fast/quick", ErrorInfo.permanent("BOOM", "broken"));

    assertThat(s.status("race")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("race").error().message()).contains("branch 'fast'", "broken");
    assertThat(s.status("race/slow/first_step")).isEqualTo(NodeStatus.CANCELLED);
    assertThat(s.status("race/slow/second_step")).isEqualTo(NodeStatus.CANCELLED);
    assertThat(d.commands()).contains(new Command.CancelTask("race/slow/first_step"));
    assertThat(s.status("after")).isEqualTo(NodeStatus.SKIPPED);
  }

  @Test
  void a_retried_execution_runs_the_failed_fork_again_cancelled_branches_included() {
    var s = Scenario.of(FlowParser.parse(race("{strategy: all}"), "race.yaml"));
    s.start();
    s.claim("race/slow/first_step");
    s.runAndFail("race/fast/quick", ErrorInfo.permanent("BOOM", "broken"));
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.FAILED);

    s.retry();

    assertThat(s.scheduledPaths()).containsExactly("race/fast/quick", "race/slow/first_step");
    assertThat(s.runTasks()).extracting(Command.RunTask::attempt).containsExactly(2, 2);
    s.run("race/fast/quick", "q");
    s.run("race/slow/first_step", "1");
    s.run("race/slow/second_step", "2");
    s.run("after", "done");
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void all_with_ignore_records_the_failed_branch_as_data() {
    var s =
        Scenario.of(
            FlowParser.parse(race("{strategy: all, on_branch_failure: ignore}"), "race.yaml"));
    s.start();
    s.runAndFail("race/fast/quick", ErrorInfo.permanent("BOOM", "broken"));
    s.run("race/slow/first_step", "1");
    s.run("race/slow/second_step", "2");
    assertThat(s.status("race")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(s.node("race").output()).extracting("branches").isEqualTo(Map.of("slow", "2"));
    assertThat(s.node("race").output())
        .extracting("errors")
        .satisfies(e -> assertThat(e).asInstanceOf(MAP).containsOnlyKeys("fast"));
  }

  @Test
  void first_takes_the_first_branch_to_succeed_and_cancels_the_running_others() {
    var s = Scenario.of(FlowParser.parse(race("{strategy: first}"), "race.yaml"));
    s.start();
    s.claim("race/slow/first_step");

    Decision won = s.run("race/fast/quick", "q");

    assertThat(s.status("race")).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(s.node("race").output()).extracting("winner").isEqualTo("fast");
    assertThat(s.node("race").output()).extracting("output").isEqualTo("q");
    assertThat(won.commands()).contains(new Command.CancelTask("race/slow/first_step"));
    assertThat(s.status("race/slow/first_step")).isEqualTo(NodeStatus.CANCELLED);
    assertThat(s.node("race/slow/first_step").reason()).contains("lost the race");
    assertThat(s.status("race/slow/second_step")).isEqualTo(NodeStatus.CANCELLED);
    assertThat(s.runTasks())
        .extracting(Command.RunTask::input)
        .containsExactly(Map.of("winner", "fast"));
    // the cancelled worker's late report changes nothing
    assertThat(s.succeed("race/slow/first_step", "late").isRejected()).isTrue();
  }

  @Test
  void first_ignores_a_failed_branch_and_fails_only_when_none_succeeds() {
    var s = Scenario.of(FlowParser.parse(race("{strategy: first}"), "race.yaml"));
    s.start();
    s.runAndFail("race/fast/quick", ErrorInfo.permanent("BOOM", "broken"));
    assertThat(s.status("race")).isEqualTo(NodeStatus.RUNNING);
    s.run("race/slow/first_step", "1");
    s.run("race/slow/second_step", "2");
    assertThat(s.node("race").output()).extracting("winner").isEqualTo("slow");

    var none = Scenario.of(FlowParser.parse(race("{strategy: first}"), "race.yaml"));
    none.start();
    none.runAndFail("race/fast/quick", ErrorInfo.permanent("BOOM", "broken"));
    none.runAndFail("race/slow/first_step", ErrorInfo.permanent("BOOM", "also broken"));
    assertThat(none.status("race")).isEqualTo(NodeStatus.FAILED);
    assertThat(none.node("race").error().code()).isEqualTo("FORK_NO_BRANCH_SUCCEEDED");
  }

  @Test
  void best_scores_every_succeeded_branch_and_breaks_ties_by_declaration_order() {
    String join = "{strategy: best, score: \"branch.output.confidence\"}";
    var s = Scenario.of(FlowParser.parse(race(join), "race.yaml"));
    s.start();
    s.run("race/fast/quick", Map.of("confidence", 0.7));
    s.run("race/slow/first_step", "1");
    s.run("race/slow/second_step", Map.of("confidence", 0.9));
    assertThat(s.node("race").output()).extracting("winner").isEqualTo("slow");
    assertThat(s.node("race").output()).extracting("score").isEqualTo(0.9);

    var tie = Scenario.of(FlowParser.parse(race(join), "race.yaml"));
    tie.start();
    tie.run("race/slow/first_step", "1");
    tie.run("race/slow/second_step", Map.of("confidence", 0.5));
    tie.run("race/fast/quick", Map.of("confidence", 0.5));
    assertThat(tie.node("race").output()).extracting("winner").isEqualTo("fast");
  }

  @Test
  void best_picks_among_the_branches_that_succeeded_unless_told_to_fail_on_a_failed_one() {
    String join = "{strategy: best, score: \"branch.output.confidence\"}";
    var s = Scenario.of(FlowParser.parse(race(join), "race.yaml"));
    s.start();
    s.runAndFail("race/fast/quick", ErrorInfo.permanent("BOOM", "broken"));
    s.run("race/slow/first_step", "1");
    s.run("race/slow/second_step", Map.of("confidence", 0.2));
    assertThat(s.node("race").output()).extracting("winner").isEqualTo("slow");
    assertThat(s.node("race").output())
        .extracting("errors")
        .satisfies(e -> assertThat(e).asInstanceOf(MAP).containsOnlyKeys("fast"));

    String strict =
        "{strategy: best, score: \"branch.output.confidence\", on_branch_failure: fail}";
    var failing = Scenario.of(FlowParser.parse(race(strict), "race.yaml"));
    failing.start();
    failing.claim("race/slow/first_step");
    failing.runAndFail("race/fast/quick", ErrorInfo.permanent("BOOM", "broken"));
    assertThat(failing.status("race")).isEqualTo(NodeStatus.FAILED);
    assertThat(failing.status("race/slow/first_step")).isEqualTo(NodeStatus.CANCELLED);
  }

  @Test
  void best_fails_when_a_score_is_not_a_number() {
    String join = "{strategy: best, score: \"branch.output.confidence\"}";
    var s = Scenario.of(FlowParser.parse(race(join), "race.yaml"));
    s.start();
    s.run("race/fast/quick", Map.of("confidence", "high"));
    s.run("race/slow/first_step", "1");
    s.run("race/slow/second_step", Map.of("confidence", 0.9));
    assertThat(s.status("race")).isEqualTo(NodeStatus.FAILED);
    assertThat(s.node("race").error().message()).contains("must yield a number");
  }

  @Test
  void a_foreach_inside_a_fork_branch_runs_its_items_under_the_branch_path() {
    var flow =
        FlowParser.parse(
            """
            id: mixed
            version: 1.0.0
            inputs:
              docs: {type: array}
            nodes:
              - id: split
                type: fork
                branches:
                  each:
                    - id: pages
                      type: foreach
                      items: "${inputs.docs}"
                      body:
                        - id: read
                          agent: echo
                          with: {doc: "${item}"}
                  summary:
                    - id: summarise
                      agent: echo
            """,
            "mixed.yaml");
    var s = Scenario.of(flow, Map.of("docs", List.of("a", "b")));
    s.start();
    assertThat(s.scheduledPaths())
        .containsExactly(
            "split/each/pages/0/read", "split/each/pages/1/read", "split/summary/summarise");
    s.run("split/each/pages/0/read", "A");
    s.run("split/each/pages/1/read", "B");
    s.run("split/summary/summarise", "S");
    assertThat(s.state().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(s.node("split").output())
        .extracting("branches")
        .satisfies(
            b ->
                assertThat(b)
                    .asInstanceOf(MAP)
                    .containsEntry("summary", "S")
                    .extractingByKey("each")
                    .extracting("outputs")
                    .isEqualTo(List.of("A", "B")));
  }
}
