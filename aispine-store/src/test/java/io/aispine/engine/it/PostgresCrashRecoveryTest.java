package io.aispine.engine.it;

import org.junit.jupiter.api.BeforeEach;

/**
 * {@link CrashRecoveryContract} on PostgreSQL: the child JVMs connect to a fresh database of the
 * test server ({@code AISPINE_TEST_PG_URL}, else the embedded one), which outlives each kill.
 */
class PostgresCrashRecoveryTest extends CrashRecoveryContract {

  private String url;

  @BeforeEach
  void createDatabase() {
    url = EmbeddedPostgres.newDatabase();
  }

  @Override
  protected String storeLocation() {
    return url;
  }
}
