package io.aispine.store.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Instants as microseconds since the epoch: the precision of the JDK clock on Linux and of
 * PostgreSQL, an integer that sorts and indexes the same way in every dialect.
 */
final class Timestamps {

  private static final long MICROS_PER_SECOND = 1_000_000L;

  private Timestamps() {}

  /** The instant in microseconds, truncating any nanoseconds below that. */
  static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1000);
  }

  /** The instant that many microseconds after the epoch. */
  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1000);
  }

  /** Binds an instant that may be null. */
  static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, micros(instant));
    }
  }

  /** Reads an instant column that may be null. */
  static Instant get(ResultSet row, String column) throws SQLException {
    long micros = row.getLong(column);
    return row.wasNull() ? null : instant(micros);
  }
}
