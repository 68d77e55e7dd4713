package io.aispine.api;

import java.time.Instant;
import java.util.List;

/**
 * The upcoming fires of a schedule, from {@code GET /api/v1/triggers/{name}/next}.
 *
 * @param name the trigger's name ({@code flow.trigger})
 * @param fires the next fire instants, oldest first; empty while paused
 */
public record TriggerFires(String name, List<Instant> fires) {

  public TriggerFires {
    fires = fires == null ? List.of() : List.copyOf(fires);
  }
}
