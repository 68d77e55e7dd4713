package io.aispine.engine;

import java.util.Objects;

/**
 * Why the gate refused to start an execution.
 *
 * @param reason the kind of refusal
 * @param flowRef the {@code id@version} that may not run ({@code id} alone when no version could be
 *     chosen)
 * @param detail a sentence naming the problem and how to lift it
 */
public record RunRefusal(Reason reason, String flowRef, String detail) {

  /** The kinds of refusal. */
  public enum Reason {
    /** The version is a draft: a person must approve it first. */
    DRAFT,
    /** The version was rejected (or its approval withdrawn). */
    REJECTED,
    /** The flow has no approved version to choose. */
    NONE_APPROVED,
    /** Panic mode freezes every new run. */
    PANIC
  }

  public RunRefusal {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(flowRef, "flowRef");
    Objects.requireNonNull(detail, "detail");
  }
}
