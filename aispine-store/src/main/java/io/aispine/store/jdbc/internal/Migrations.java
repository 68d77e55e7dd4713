package io.aispine.store.jdbc.internal;

import io.aispine.store.StoreException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Brings the schema up to date with this dialect's Flyway migrations. */
public final class Migrations {

  private Migrations() {}

  /**
   * Applies pending migrations. Runs while the store's exclusive lock is held, and Flyway locks its
   * history table as well, so two processes never migrate at once.
   */
  public static void apply(DataSource writer, Dialect dialect) {
    try {
      Flyway.configure()
          .dataSource(writer)
          .locations(dialect.migrations())
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException("migrating the store schema failed: " + e.getMessage(), e);
    }
  }
}
