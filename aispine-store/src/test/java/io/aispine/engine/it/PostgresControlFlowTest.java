package io.aispine.engine.it;

import io.aispine.store.jdbc.JdbcStore;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;

/** {@link ControlFlowContract} on PostgreSQL, a fresh database per test. */
class PostgresControlFlowTest extends ControlFlowContract {

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
