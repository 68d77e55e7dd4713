package io.aispine.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one flow file, locating each by the JSON pointer it concerns. */
final class ProblemList {

  private final String source;
  private final List<FlowProblem> problems = new ArrayList<>();
  private LocatedYaml yaml;

  ProblemList(String source) {
    this.source = source == null ? "" : source;
  }

  void attach(LocatedYaml yaml) {
    this.yaml = yaml;
  }

  /** A problem with the value at {@code pointer}. */
  void value(String pointer, String message) {
    at(yaml.valueAt(pointer), pointer, message);
  }

  /** A problem with the key of the member at {@code pointer} (an unknown or misplaced field). */
  void key(String pointer, String message) {
    at(yaml.keyAt(pointer), pointer, message);
  }

  /** A problem at an explicit location. */
  void at(SourceLocation location, String pointer, String message) {
    problems.add(new FlowProblem(source, location.line(), location.column(), pointer, message));
  }

  /** Where the value at {@code pointer} starts in the file. */
  SourceLocation locationOf(String pointer) {
    return yaml.valueAt(pointer);
  }

  int size() {
    return problems.size();
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** The problems in file order; the first reported wins among problems at the same place. */
  List<FlowProblem> sorted() {
    var copy = new ArrayList<>(problems);
    copy.sort(Comparator.comparingInt(FlowProblem::line).thenComparingInt(FlowProblem::column));
    return List.copyOf(copy);
  }
}
