package io.aispine.engine.it;

import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReplayContract} on SQLite in a temporary data dir. */
class SqliteReplayTest extends ReplayContract {

  @TempDir Path dataDir;

  @Override
  protected Supplier<JdbcStore> store() {
    return () -> JdbcStore.openDataDir(dataDir);
  }
}
