package io.aispine.store.jdbc.internal;

import io.aispine.store.PanicState;
import io.aispine.store.PanicStore;
import java.util.Optional;

/** Panic mode in the {@code panic_mode} table: one row (workspace {@code default}) while on. */
public final class JdbcPanicStore implements PanicStore {

  private static final String SCOPE = "default";

  private final ConnectionPools pools;

  public JdbcPanicStore(ConnectionPools pools) {
    this.pools = pools;
  }

  @Override
  public Optional<PanicState> current() {
    return Query.list(
            pools.reader(),
            "SELECT since, by_key, reason FROM panic_mode WHERE workspace_id = ?",
            "reading panic mode",
            s -> s.setString(1, SCOPE),
            row ->
                new PanicState(
                    Timestamps.get(row, "since"), row.getString("by_key"), row.getString("reason")))
        .stream()
        .findFirst();
  }

  @Override
  public void set(PanicState state) {
    if (state == null) {
      Query.update(
          pools.writer(),
          "DELETE FROM panic_mode WHERE workspace_id = ?",
          "switching panic mode off",
          s -> s.setString(1, SCOPE));
      return;
    }
    Query.update(
        pools.writer(),
        "INSERT INTO panic_mode (workspace_id, since, by_key, reason) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (workspace_id) DO UPDATE SET reason = excluded.reason",
        "switching panic mode on",
        s -> {
          s.setString(1, SCOPE);
          Timestamps.set(s, 2, state.since());
          s.setString(3, state.by());
          s.setString(4, state.reason());
        });
  }
}
