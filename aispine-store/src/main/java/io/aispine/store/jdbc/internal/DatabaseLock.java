package io.aispine.store.jdbc.internal;

import io.aispine.store.StoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A session-level PostgreSQL advisory lock that keeps a second engine off a database. It lives on
 * its own connection, outside the pool, because the pool retires connections and a lock is released
 * with the session that took it (also when the process dies).
 */
public final class DatabaseLock implements ExclusiveLock {

  /** One key per database: "AISpine" in ASCII. */
  private static final long KEY = 0x41_49_53_70_69_6E_65L;

  private static final String HOLDER =
      "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
          + " WHERE l.locktype = 'advisory' AND l.granted"
          + " AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1";

  private final Connection session;

  private DatabaseLock(Connection session) {
    this.session = session;
  }

  /** Takes the lock or fails at once, naming the process that holds it. */
  public static DatabaseLock acquire(String jdbcUrl, String database) {
    Properties properties = new Properties();
    // shown in pg_stat_activity, which is how a refused engine learns who holds the lock
    properties.setProperty("ApplicationName", "aispine " + ExclusiveLock.owner());
    Connection session;
    try {
      session = DriverManager.getConnection(jdbcUrl, properties);
    } catch (SQLException e) {
      throw SqlErrors.translate("connecting to " + database, e);
    }
    try (PreparedStatement lock = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      lock.setLong(1, KEY);
      try (ResultSet row = lock.executeQuery()) {
        row.next();
        if (row.getBoolean(1)) {
          return new DatabaseLock(session);
        }
      }
      String holder = holder(session);
      session.close();
      throw new StoreException(
          "database "
              + database
              + " is in use by another AI Spine process ("
              + holder
              + "); stop it or use another database");
    } catch (SQLException e) {
      closeQuietly(session);
      throw SqlErrors.translate("locking " + database, e);
    }
  }

  @Override
  public void close() {
    // Unlock explicitly: closing the session releases the lock too, but only once the server has
    // noticed, so an engine reopening right away could still find it held.
    try (PreparedStatement unlock = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      unlock.setLong(1, KEY);
      unlock.execute();
    } catch (SQLException ignored) {
      // the session is gone, and its lock with it
    } finally {
      closeQuietly(session);
    }
  }

  private static String holder(Connection session) throws SQLException {
    try (PreparedStatement query = session.prepareStatement(HOLDER)) {
      // a bigint advisory key is split into two 32-bit halves: classid (high), objid (low)
      query.setLong(1, KEY >>> 32);
      query.setLong(2, KEY & 0xFFFF_FFFFL);
      try (ResultSet row = query.executeQuery()) {
        if (row.next() && row.getString(1) != null && row.getString(1).startsWith("aispine ")) {
          return row.getString(1).substring("aispine ".length());
        }
      }
    }
    return "pid unknown";
  }

  private static void closeQuietly(Connection session) {
    try {
      session.close();
    } catch (SQLException ignored) {
      // the server drops the session, and with it the lock
    }
  }
}
