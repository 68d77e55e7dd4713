package io.aispine.store.jdbc;

import org.junit.jupiter.api.BeforeEach;

/** The model ledger contract on PostgreSQL, a fresh database per test. */
class PostgresModelLedgerTest extends ModelLedgerContract {

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
