package io.aispine.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The webhook store contract on SQLite in a temporary data dir. */
class SqliteWebhookStoreTest extends WebhookStoreContract {

  @TempDir Path dataDir;

  @Override
  protected JdbcStore open() {
    return JdbcStore.openDataDir(dataDir);
  }
}
