package io.aispine.store.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.aispine.store.StoreException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The store's connections: for SQLite one write connection (SQLite has a single writer, so more
 * would only queue inside the driver) and a few read connections that WAL lets run beside it; for
 * PostgreSQL one pool for both.
 */
public final class ConnectionPools implements AutoCloseable {

  /** System property that overrides {@link #SYNC_ENV}. */
  public static final String SYNC_PROPERTY = "aispine.sqlite.sync";

  /** Environment variable choosing SQLite's {@code synchronous} mode: FULL (default) or NORMAL. */
  public static final String SYNC_ENV = "AISPINE_SQLITE_SYNC";

  private static final int SQLITE_READERS = 4;
  private static final int POSTGRES_CONNECTIONS = 8;
  private static final String BUSY_TIMEOUT_MILLIS = "10000";

  private final HikariDataSource writer;
  private final HikariDataSource reader;

  private ConnectionPools(HikariDataSource writer, HikariDataSource reader) {
    this.writer = writer;
    this.reader = reader;
  }

  /** Opens the pools for a URL of the given dialect. */
  public static ConnectionPools open(String jdbcUrl, Dialect dialect) {
    return switch (dialect) {
      case SQLITE -> {
        HikariDataSource writer = new HikariDataSource(sqlite(jdbcUrl, "aispine-write", 1));
        try {
          HikariConfig read = sqlite(jdbcUrl, "aispine-read", SQLITE_READERS);
          // a read connection that tried to write would wait on the writer's lock: refuse instead
          read.setConnectionInitSql("PRAGMA query_only = true");
          yield new ConnectionPools(writer, new HikariDataSource(read));
        } catch (RuntimeException e) {
          writer.close();
          throw e;
        }
      }
      case POSTGRESQL -> {
        HikariConfig config = base(jdbcUrl, "aispine", POSTGRES_CONNECTIONS);
        HikariDataSource pool = new HikariDataSource(config);
        yield new ConnectionPools(pool, pool);
      }
    };
  }

  /** Connections for transactions that write. */
  public DataSource writer() {
    return writer;
  }

  /** Connections for queries. */
  public DataSource reader() {
    return reader;
  }

  @Override
  public void close() {
    reader.close();
    writer.close();
  }

  /**
   * SQLite's {@code synchronous} mode. FULL syncs the WAL on every commit, so nothing committed is
   * lost even on power failure; NORMAL syncs only at checkpoints: still safe when the process is
   * killed, but a power cut may lose the last commits.
   */
  static String sqliteSync() {
    String value = System.getProperty(SYNC_PROPERTY);
    if (value == null || value.isBlank()) {
      value = System.getenv(SYNC_ENV);
    }
    if (value == null || value.isBlank()) {
      return "FULL";
    }
    String mode = value.strip().toUpperCase(Locale.ROOT);
    if (!mode.equals("FULL") && !mode.equals("NORMAL")) {
      throw new StoreException(
          "SQLite sync mode '"
              + value
              + "' (from "
              + SYNC_ENV
              + " or -D"
              + SYNC_PROPERTY
              + ") is not supported: use FULL (default) or NORMAL");
    }
    return mode;
  }

  private static HikariConfig sqlite(String jdbcUrl, String name, int size) {
    HikariConfig config = base(jdbcUrl, name, size);
    // sqlite-jdbc applies these pragmas on every new connection
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("synchronous", sqliteSync());
    config.addDataSourceProperty("busy_timeout", BUSY_TIMEOUT_MILLIS);
    config.addDataSourceProperty("foreign_keys", "true");
    return config;
  }

  private static HikariConfig base(String jdbcUrl, String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName(name);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(Math.min(size, 2));
    return config;
  }
}
