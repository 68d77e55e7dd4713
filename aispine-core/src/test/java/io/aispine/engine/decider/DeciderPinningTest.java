package io.aispine.engine.decider;

import static io.aispine.engine.decider.Flows.flow;
import static io.aispine.engine.decider.Flows.retry;
import static io.aispine.engine.decider.Flows.retrying;
import static io.aispine.engine.decider.Flows.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.RunChange;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeciderPinningTest {

  private static final ErrorInfo FLAKY = ErrorInfo.retryable("AGENT_ERROR", "try again");

  @Test
  void every_attempt_calls_the_version_pinned_at_start_and_the_history_records_it() {
    var s =
        Scenario.pinned(
            flow(task("a", retrying(retry(2, Duration.ofSeconds(1))))),
            Map.of("echo", "echo@1.0.0"));

    Decision started = s.start();

    assertThat(started.events().getFirst().data())
        .containsEntry("agents", Map.of("echo", "echo@1.0.0"));
    assertThat(s.runTasks()).extracting(Command.RunTask::agent).containsExactly("echo@1.0.0");
    assertThat(started.events())
        .filteredOn(e -> e.type() == EventType.NODE_SCHEDULED)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.data())
                    .containsEntry("agent", "echo")
                    .containsEntry("pinned", "echo@1.0.0"));
    assertThat(started.runs())
        .filteredOn(r -> r instanceof RunChange.Scheduled)
        .extracting(r -> ((RunChange.Scheduled) r).agent())
        .containsExactly("echo@1.0.0");

    s.runAndFail("a", FLAKY);
    Decision retried = s.advance(Duration.ofSeconds(1)).fireTimer("a");

    assertThat(retried.commands())
        .filteredOn(c -> c instanceof Command.RunTask)
        .extracting(c -> ((Command.RunTask) c).agent())
        .containsExactly("echo@1.0.0");
    assertThat(s.state().agents()).containsEntry("echo", "echo@1.0.0");
  }

  @Test
  void an_unpinned_reference_is_passed_on_as_written() {
    var s = Scenario.of(flow(task("a")));

    Decision started = s.start();

    assertThat(started.events().getFirst().data()).doesNotContainKey("agents");
    assertThat(s.runTasks()).extracting(Command.RunTask::agent).containsExactly("echo");
  }
}
