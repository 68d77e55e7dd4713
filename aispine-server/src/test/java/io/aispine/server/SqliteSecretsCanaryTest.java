package io.aispine.server;

import io.aispine.store.jdbc.JdbcStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The secrets canary on the default store, a SQLite file in the data dir. */
class SqliteSecretsCanaryTest extends SecretsCanaryContract {

  @Override
  protected Connection database() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(JdbcStore.DATABASE_FILE));
  }

  @Override
  protected String tablesQuery() {
    return "SELECT name FROM sqlite_master WHERE type = 'table'";
  }
}
