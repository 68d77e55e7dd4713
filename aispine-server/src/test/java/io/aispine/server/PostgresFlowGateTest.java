package io.aispine.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link FlowGateRoutesTest} on PostgreSQL: the V13 columns, the conditional updates, panic. */
class PostgresFlowGateTest extends FlowGateRoutesTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private String url;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Override
  protected ServerConfig config() {
    if (url == null) {
      // a fresh database per test, as the SQLite variant gets a fresh data dir
      String name = "aispine_gate_" + DATABASES.incrementAndGet();
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      url = postgres.getJdbcUrl("postgres", name);
    }
    return new ServerConfig("127.0.0.1", 0, dataDir, url);
  }
}
