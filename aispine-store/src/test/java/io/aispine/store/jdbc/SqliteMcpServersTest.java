package io.aispine.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The MCP servers contract on SQLite in a temporary data dir. */
class SqliteMcpServersTest extends McpServersContract {

  @TempDir Path dataDir;

  @Override
  protected JdbcStore open() {
    return JdbcStore.openDataDir(dataDir);
  }
}
