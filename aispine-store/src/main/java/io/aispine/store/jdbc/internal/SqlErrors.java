package io.aispine.store.jdbc.internal;

import io.aispine.store.StoreException;
import io.aispine.store.StoreUnavailableException;
import io.aispine.store.WriteRejectedException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Reads what a {@link SQLException} means from its SQL state (PostgreSQL) or SQLite result code,
 * and turns it into a {@link StoreException} that names the operation and the reason: a {@link
 * StoreUnavailableException} when the database is unreachable, busy or out of a resource, a {@link
 * WriteRejectedException} when it refuses what was written.
 */
public final class SqlErrors {

  private static final int SQLITE_NOMEM = 7;
  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_IOERR = 10;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_CANTOPEN = 14;
  private static final int SQLITE_TOOBIG = 18;
  private static final int SQLITE_CONSTRAINT = 19;
  private static final int SQLITE_MISMATCH = 20;

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

  /**
   * True when the database cannot serve anybody right now, whatever was asked: unreachable, busy,
   * out of memory or disk, read-only.
   */
  static boolean isUnavailable(SQLException e) {
    if (isTransient(e)
        || e instanceof SQLTransientException
        || e instanceof SQLRecoverableException) {
      return true;
    }
    String state = e.getSQLState();
    if (state != null && (state.startsWith("53") || state.startsWith("58"))) {
      return true; // insufficient resources, system error (PostgreSQL)
    }
    int primary = e.getErrorCode() & 0xFF;
    return isSqlite(e)
        && (primary == SQLITE_NOMEM
            || primary == SQLITE_READONLY
            || primary == SQLITE_IOERR
            || primary == SQLITE_FULL
            || primary == SQLITE_CANTOPEN);
  }

  /**
   * True when the database refuses the data itself: a constraint, a value too large or mistyped.
   */
  static boolean isRefusedData(SQLException e) {
    if (isConstraintViolation(e)) {
      return true;
    }
    String state = e.getSQLState();
    if (state != null && (state.startsWith("22") || state.startsWith("54"))) {
      return true; // data exception, program limit exceeded (PostgreSQL)
    }
    int primary = e.getErrorCode() & 0xFF;
    return isSqlite(e) && (primary == SQLITE_TOOBIG || primary == SQLITE_MISMATCH);
  }

  /** A store exception for a failed operation, e.g. {@code "applying 12 transitions"}. */
  public static StoreException translate(String operation, SQLException e) {
    SQLException cause = rootOf(e);
    if (isUnavailable(cause)) {
      return new StoreUnavailableException(
          operation
              + " failed (the database is busy or unreachable; it may succeed if retried): "
              + cause.getMessage(),
          e);
    }
    if (isRefusedData(cause)) {
      String reason =
          isConstraintViolation(cause) ? "a constraint refused it" : "the database refused a value";
      return new WriteRejectedException(
          operation + " failed (" + reason + "): " + cause.getMessage(), e);
    }
    return new StoreException(operation + " failed (database error): " + cause.getMessage(), e);
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
