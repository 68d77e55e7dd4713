package io.aispine.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The migration into workspaces on SQLite. */
class SqliteWorkspaceMigrationTest extends WorkspaceMigrationContract {

  @TempDir Path dataDir;

  @Override
  protected String url() {
    return "jdbc:sqlite:" + dataDir.resolve(JdbcStore.DATABASE_FILE);
  }

  @Override
  protected String migrations() {
    return "classpath:db/migration/sqlite";
  }
}
