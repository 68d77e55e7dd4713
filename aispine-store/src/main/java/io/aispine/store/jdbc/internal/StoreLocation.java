package io.aispine.store.jdbc.internal;

import io.aispine.store.StoreException;
import java.nio.file.Path;

/** Where a store URL points, in the terms users need: a file to lock, a name safe to print. */
public final class StoreLocation {

  private static final String SQLITE = "jdbc:sqlite:";

  private StoreLocation() {}

  /**
   * The lock file beside a SQLite database: {@code aispine.db} is locked through {@code
   * aispine.lock} in the same dir.
   */
  public static Path sqliteLockFile(String jdbcUrl) {
    String location = jdbcUrl.substring(SQLITE.length());
    int query = location.indexOf('?');
    String path = query < 0 ? location : location.substring(0, query);
    if (path.startsWith("file:")) {
      path = path.substring("file:".length());
    }
    if (path.isBlank() || path.equals(":memory:") || jdbcUrl.contains("mode=memory")) {
      throw new StoreException(
          "in-memory SQLite is not supported: each connection would see its own empty database;"
              + " use a file, e.g. a data dir in a temp directory");
    }
    Path file = Path.of(path).toAbsolutePath();
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return file.resolveSibling(base + ".lock");
  }

  /** The URL without its parameters, which may hold a password. */
  public static String describe(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
  }
}
