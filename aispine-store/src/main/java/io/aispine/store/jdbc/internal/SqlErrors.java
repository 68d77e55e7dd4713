package io.aispine.store.jdbc.internal;

import io.aispine.store.StoreException;
import java.sql.SQLException;

/**
 * Reads what a {@link SQLException} means from its SQL state (PostgreSQL) or SQLite result code,
 * and turns it into a {@link StoreException} that names the operation and the reason.
 */
public final class SqlErrors {

  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_CONSTRAINT = 19;

  private SqlErrors() {}

  /** True when a primary key, unique, foreign key, not-null or check constraint refused a row. */
  public static boolean isConstraintViolation(SQLException e) {
    String state = e.getSQLState();
    // sqlite-jdbc reports extended result codes; their low byte is the primary code
    return (state != null && state.startsWith("23"))
        || (isSqlite(e) && (e.getErrorCode() & 0xFF) == SQLITE_CONSTRAINT);
  }

  /** True when the same operation may succeed if tried again: lost connection, lock, deadlock. */
  public static boolean isTransient(SQLException e) {
    String state = e.getSQLState();
    if (state != null
        && (state.startsWith("08")
            || state.equals("40001")
            || state.equals("40P01")
            || state.startsWith("57P"))) {
      return true;
    }
    int primary = e.getErrorCode() & 0xFF;
    return isSqlite(e) && (primary == SQLITE_BUSY || primary == SQLITE_LOCKED);
  }

  /** A store exception for a failed operation, e.g. {@code "applying 12 transitions"}. */
  public static StoreException translate(String operation, SQLException e) {
    SQLException cause = rootOf(e);
    String reason;
    if (isConstraintViolation(cause)) {
      reason = "a constraint refused it";
    } else if (isTransient(cause)) {
      reason = "the database is busy or unreachable; it may succeed if retried";
    } else {
      reason = "database error";
    }
    return new StoreException(operation + " failed (" + reason + "): " + cause.getMessage(), e);
  }

  /** Batch failures hide the statement's own error behind getNextException (PostgreSQL). */
  private static SQLException rootOf(SQLException e) {
    SQLException next = e.getNextException();
    return next != null ? next : e;
  }

  private static boolean isSqlite(SQLException e) {
    return e.getClass().getName().startsWith("org.sqlite.");
  }
}
