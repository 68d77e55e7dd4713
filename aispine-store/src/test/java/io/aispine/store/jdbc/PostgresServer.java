package io.aispine.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL server for the tests: the one at {@code AISPINE_TEST_PG_URL} when set, else an
 * embedded one started once per test JVM. Each test gets a database of its own.
 */
final class PostgresServer {

  /** Admin URL of an external server, e.g. {@code jdbc:postgresql://localhost/postgres?user=…}. */
  static final String URL_ENV = "AISPINE_TEST_PG_URL";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static String adminUrl;

  private PostgresServer() {}

  /** The URL of a new, empty database. */
  static synchronized String newDatabase() {
    String admin = adminUrl();
    String name =
        "aispine_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection connection = DriverManager.getConnection(admin);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return withDatabase(admin, name);
  }

  private static String adminUrl() {
    if (adminUrl == null) {
      String external = System.getenv(URL_ENV);
      adminUrl = external != null && !external.isBlank() ? external : startEmbedded();
    }
    return adminUrl;
  }

  private static String startEmbedded() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
      return postgres.getJdbcUrl("postgres", "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }

  private static void close(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException ignored) {
      // the JVM is exiting; the server's data dir is temporary
    }
  }

  /** The admin URL pointed at another database, keeping its parameters (user, password). */
  private static String withDatabase(String url, String database) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String parameters = query < 0 ? "" : url.substring(query);
    return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
  }
}
