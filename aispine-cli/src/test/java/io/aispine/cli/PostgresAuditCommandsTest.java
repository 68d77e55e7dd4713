package io.aispine.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link AuditCommandsTest} on an embedded PostgreSQL: the same log, the same tampering. */
class PostgresAuditCommandsTest extends AuditCommandsTest {

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Override
  protected String dbUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  @Override
  protected String jdbcUrl() {
    return dbUrl();
  }
}
