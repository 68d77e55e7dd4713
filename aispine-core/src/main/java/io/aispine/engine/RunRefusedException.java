package io.aispine.engine;

/** The gate refused to start an execution; {@link #refusal()} says why and how to lift it. */
public final class RunRefusedException extends RuntimeException {

  private final transient RunRefusal refusal;

  public RunRefusedException(RunRefusal refusal) {
    super(refusal.detail());
    this.refusal = refusal;
  }

  /** Why the run was refused. */
  public RunRefusal refusal() {
    return refusal;
  }
}
