package io.aispine.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The secrets canary on PostgreSQL: no row of any table of the server's database holds it. */
class PostgresSecretsCanaryTest extends SecretsCanaryContract {

  private static EmbeddedPostgres postgres;
  private static String url;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE aispine_canary");
    }
    url = postgres.getJdbcUrl("postgres", "aispine_canary");
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Override
  protected ServerConfig config() {
    // the key file and the keyset go to the data dir even with a database URL
    return new ServerConfig("127.0.0.1", 0, dataDir, url);
  }

  @Override
  protected Connection database() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  protected String tablesQuery() {
    return "SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
  }
}
