package io.aispine.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link AuditLogTest} on an embedded PostgreSQL: the same audit log, the same tampering. */
class PostgresAuditLogTest extends AuditLogTest {

  private static EmbeddedPostgres postgres;
  private static int databases;
  private String url;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Override
  protected ServerConfig config() {
    if (url == null) {
      String name = "aispine_audit_" + ++databases;
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
      url = postgres.getJdbcUrl("postgres", name);
    }
    return new ServerConfig("127.0.0.1", 0, dataDir, url);
  }

  @Override
  protected String jdbcUrl() {
    config();
    return url;
  }
}
