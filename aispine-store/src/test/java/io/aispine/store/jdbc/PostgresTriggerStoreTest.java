package io.aispine.store.jdbc;

import org.junit.jupiter.api.BeforeEach;

/** The trigger store contract on PostgreSQL, a fresh database per test. */
class PostgresTriggerStoreTest extends TriggerStoreContract {

  private String url;

  @BeforeEach
  @Override
  void openStore() {
    url = PostgresServer.newDatabase();
    super.openStore();
  }

  @Override
  protected JdbcStore open() {
    return JdbcStore.open(url);
  }
}
