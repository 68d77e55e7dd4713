package io.aispine.engine.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL server for the engine tests: the one at {@code AISPINE_TEST_PG_URL} when set, else
 * an embedded one started once per test JVM. Each call of {@link #newDatabase()} gives a fresh
 * database. (The store's own helper is package-private to its tests, hence this small twin.)
 */
final class EmbeddedPostgres {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static String adminUrl;

  private EmbeddedPostgres() {}

  /** The JDBC URL of a new, empty database. */
  static synchronized String newDatabase() {
    String admin = adminUrl();
    String name =
        "aispine_engine_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (var connection = DriverManager.getConnection(admin);
        var statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    int query = admin.indexOf('?');
    String base = query < 0 ? admin : admin.substring(0, query);
    String parameters = query < 0 ? "" : admin.substring(query);
    return base.substring(0, base.lastIndexOf('/') + 1) + name + parameters;
  }

  private static String adminUrl() {
    if (adminUrl == null) {
      String external = System.getenv("AISPINE_TEST_PG_URL");
      adminUrl = external != null && !external.isBlank() ? external : startEmbedded();
    }
    return adminUrl;
  }

  private static String startEmbedded() {
    try {
      var postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (IOException ignored) {
                      // the JVM is exiting; the server's data dir is temporary
                    }
                  }));
      return postgres.getJdbcUrl("postgres", "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }
}
