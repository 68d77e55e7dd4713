package io.aispine.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Panic mode switched on: every mutation and every new run is refused until it is switched off.
 *
 * @param since when it was switched on
 * @param by the id of the admin key that switched it on
 * @param reason what the incident is, as the admin gave it (may be empty)
 */
public record PanicState(Instant since, String by, String reason) {

  public PanicState {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(by, "by");
    reason = reason == null ? "" : reason;
  }
}
