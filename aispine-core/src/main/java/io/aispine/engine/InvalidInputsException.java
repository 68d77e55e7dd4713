package io.aispine.engine;

import java.util.List;

/** The inputs given to start an execution do not match the flow's declared inputs. */
public final class InvalidInputsException extends RuntimeException {

  private final List<String> problems;

  public InvalidInputsException(String flowRef, List<String> problems) {
    super("invalid inputs for flow " + flowRef + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One message per problem, each naming the input ({@code input 'phone' is required}). */
  public List<String> problems() {
    return problems;
  }
}
