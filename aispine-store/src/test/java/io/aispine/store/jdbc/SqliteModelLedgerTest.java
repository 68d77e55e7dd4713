package io.aispine.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The model ledger contract on SQLite in a temporary data dir. */
class SqliteModelLedgerTest extends ModelLedgerContract {

  @TempDir Path dataDir;

  @Override
  protected JdbcStore open() {
    return JdbcStore.openDataDir(dataDir);
  }
}
