package io.aispine.engine.decider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import io.aispine.execution.ExecutionStatus;
import io.aispine.execution.NodeStatus;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Replays every decider test ({@code Decider*Test}) and fails when a transition of the legal tables
 * {@link NodeStatus#next()} and {@link ExecutionStatus#next()} was never exercised, or when the
 * decider ever produced one that is not in them. A new status or edge therefore needs a test.
 */
class TransitionCoverageTest {

  /** The decider tests live beside this one, so a package move cannot lose them. */
  private static final String HERE = TransitionCoverageTest.class.getPackageName();

  @Test
  void decider_tests_exercise_every_legal_transition_and_no_illegal_one() {
    TransitionRecorder.reset();
    var request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectPackage(HERE))
            .filters(
                ClassNameFilter.includeClassNamePatterns(
                    HERE.replace(".", "\\.") + "\\.Decider.*Test"))
            .build();
    var listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, listener);
    var summary = listener.getSummary();
    assertThat(summary.getTestsSucceededCount()).as("decider tests replayed").isPositive();
    assertThat(summary.getFailures())
        .as("decider tests must pass for their coverage to count")
        .isEmpty();

    var legalNode = legal(NodeStatus.values(), NodeStatus::next);
    var legalExecution = legal(ExecutionStatus.values(), ExecutionStatus::next);
    var seenNode = TransitionRecorder.nodeTransitions();
    var seenExecution = TransitionRecorder.executionTransitions();

    assertThat(difference(legalNode, seenNode)).as("node transitions never exercised").isEmpty();
    assertThat(difference(seenNode, legalNode)).as("illegal node transitions produced").isEmpty();
    assertThat(difference(legalExecution, seenExecution))
        .as("execution transitions never exercised")
        .isEmpty();
    assertThat(difference(seenExecution, legalExecution))
        .as("illegal execution transitions produced")
        .isEmpty();
  }

  private static <E extends Enum<E>> Set<String> legal(E[] values, Function<E, Set<E>> next) {
    var edges = new TreeSet<String>();
    Arrays.stream(values)
        .forEach(
            from -> next.apply(from).forEach(to -> edges.add(TransitionRecorder.edge(from, to))));
    return edges;
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    var out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }
}
