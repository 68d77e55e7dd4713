package io.aispine.cli.local;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the embedded engine keeps its state: a data dir (SQLite) or a database URL. */
public final class StoreOptions {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Data directory for the embedded SQLite store (default: $AISPINE_DATA_DIR or ./.aispine).")
  public Path dataDir;

  @Option(
      names = "--db-url",
      paramLabel = "URL",
      description =
          "JDBC URL of the store instead of a data dir, e.g. jdbc:postgresql://host/db (default: $AISPINE_DB_URL).")
  String dbUrl;

  /** The database URL if one was given (option or environment), else null. */
  public String effectiveDbUrl() {
    if (dbUrl != null) {
      return dbUrl;
    }
    String env = System.getenv("AISPINE_DB_URL");
    return env == null || env.isBlank() ? null : env;
  }

  /** The data dir to use when no database URL is given. */
  public Path effectiveDataDir() {
    if (dataDir != null) {
      return dataDir;
    }
    String env = System.getenv("AISPINE_DATA_DIR");
    return Path.of(env == null || env.isBlank() ? ".aispine" : env);
  }
}
