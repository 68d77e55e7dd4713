package io.aispine.execution;

/** How a node's final failure was handled, which decides whether it fails the execution. */
public enum Handling {
  /** Not failed, or failed and unhandled: an unhandled failure fails the execution. */
  NONE,
  /** {@code on_error}: the fallback node was activated with the error. */
  FALLBACK,
  /** {@code continue_on_error}: the error became the output; dependents see a success. */
  CONTINUED
}
