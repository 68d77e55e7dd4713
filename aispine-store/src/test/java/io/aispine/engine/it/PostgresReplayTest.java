package io.aispine.engine.it;

import io.aispine.store.jdbc.JdbcStore;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;

/** {@link ReplayContract} on PostgreSQL, a fresh database per test. */
class PostgresReplayTest extends ReplayContract {

  private String url;

  @BeforeEach
  void createDatabase() {
    url = EmbeddedPostgres.newDatabase();
  }

  @Override
  protected Supplier<JdbcStore> store() {
    return () -> JdbcStore.open(url);
  }
}
