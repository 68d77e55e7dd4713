package io.aispine.server.internal.gate;

import io.aispine.api.Problem;
import io.aispine.engine.RunRefusal;
import io.aispine.store.PanicState;

/**
 * The problems the gate answers with. A draft or rejected version is {@code 409 flow-not-approved}:
 * the caller may run flows, but this version's state does not allow it (403 stays for "your key may
 * not"). Panic mode is {@code 423 panic-mode} (Locked): a deliberate freeze by an admin, not an
 * outage, so clients must not retry it as they would a 503, and load balancers keep the server in
 * rotation so that reads still work.
 */
public final class GateProblems {

  /** The status of every request refused by panic mode. */
  public static final int PANIC_STATUS = 423;

  private GateProblems() {}

  /** The problem for a refused run. */
  public static Problem of(RunRefusal refusal) {
    return switch (refusal.reason()) {
      case PANIC -> panic(refusal.detail());
      case DRAFT, REJECTED, NONE_APPROVED ->
          Problem.of(
              409, "flow-not-approved", "The flow version is not approved", refusal.detail());
    };
  }

  /** The problem for a mutation refused by panic mode. */
  public static Problem panic(String detail) {
    return Problem.of(PANIC_STATUS, "panic-mode", "Panic mode is on", detail);
  }

  /** What every refusal says while panic mode is on. */
  public static String panicDetail(PanicState state) {
    return "panic mode is on since "
        + state.since()
        + (state.reason().isBlank() ? "" : " (" + state.reason() + ")")
        + ": every change and every new run is refused, reads still work; an admin lifts it with"
        + " 'aispine panic off' (PUT /api/v1/panic {\"on\": false})";
  }
}
