package io.aispine.store.jdbc.internal;

import io.aispine.store.StoreException;

/**
 * What differs between the databases the store runs on. Deliberately thin: both speak {@code INSERT
 * … ON CONFLICT … DO NOTHING / DO UPDATE SET x = excluded.x}, so every query is shared and only the
 * points below vary.
 */
public enum Dialect {
  /** Embedded default: one file, one writer, WAL. */
  SQLITE("db/migration/sqlite", "?", null),
  /** Server database; its {@code json} columns refuse a text parameter without a cast. */
  POSTGRESQL(
      "db/migration/postgresql",
      "CAST(? AS json)",
      // transaction-scoped: released by the commit that appends the audit entry
      "SELECT pg_advisory_xact_lock(" + 0x41_75_64_69_74_4C_6FL + ")");

  private final String migrations;
  private final String jsonParameter;
  private final String auditLock;

  Dialect(String migrations, String jsonParameter, String auditLock) {
    this.migrations = migrations;
    this.jsonParameter = jsonParameter;
    this.auditLock = auditLock;
  }

  /** The dialect a JDBC URL speaks. */
  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new StoreException(
        "unsupported store URL '"
            + jdbcUrl
            + "': use jdbc:sqlite:<file> or jdbc:postgresql://<host>/<database>");
  }

  /** The classpath folder of this dialect's Flyway migrations. */
  public String migrations() {
    return "classpath:" + migrations;
  }

  /**
   * The statement that serialises audit appends inside a transaction, or null where the store has a
   * single writer anyway (SQLite).
   */
  public String auditLock() {
    return auditLock;
  }

  /** The placeholder for a JSON text parameter. */
  public String json() {
    return jsonParameter;
  }
}
