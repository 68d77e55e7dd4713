package io.aispine.store.jdbc;

import org.junit.jupiter.api.BeforeEach;

/** The secret store contract on PostgreSQL, a fresh database per test. */
class PostgresSecretStoreTest extends SecretStoreContract {

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
