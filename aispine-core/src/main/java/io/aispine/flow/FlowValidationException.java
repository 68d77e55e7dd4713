package io.aispine.flow;

import java.util.List;
import java.util.stream.Collectors;

/** A flow file was rejected; carries every problem found, not only the first. */
public final class FlowValidationException extends RuntimeException {

  private final List<FlowProblem> problems;

  /** Creates the exception from at least one problem. */
  public FlowValidationException(List<FlowProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, in the order they occur in the file. */
  public List<FlowProblem> problems() {
    return problems;
  }

  private static String describe(List<FlowProblem> problems) {
    String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
    return "invalid flow ("
        + count
        + "):\n"
        + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
