package io.aispine.bench;

import io.aispine.store.Store;
import io.aispine.store.jdbc.JdbcStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;

/** Opens the store a benchmark runs on: a fresh SQLite file, or PostgreSQL (embedded or given). */
final class BenchStore implements AutoCloseable {

  private final Store store;
  private final EmbeddedPostgres postgres;
  private final String description;

  private BenchStore(Store store, EmbeddedPostgres postgres, String description) {
    this.store = store;
    this.postgres = postgres;
    this.description = description;
  }

  /** {@code sqlite} (temp data dir) or {@code postgresql} ($AISPINE_BENCH_PG_URL or embedded). */
  static BenchStore open(String kind) throws IOException {
    return switch (kind) {
      case "sqlite" -> {
        var dir = Files.createTempDirectory("aispine-bench-");
        yield new BenchStore(JdbcStore.openDataDir(dir), null, "SQLite (WAL) at " + dir);
      }
      case "postgresql", "postgres", "pg" -> {
        String url = System.getenv("AISPINE_BENCH_PG_URL");
        if (url != null && !url.isBlank()) {
          yield new BenchStore(
              JdbcStore.open(url),
              null,
              "PostgreSQL at " + url.replaceAll("password=[^&]*", "password=***"));
        }
        var pg = EmbeddedPostgres.builder().start();
        String embedded = pg.getJdbcUrl("postgres", "postgres");
        yield new BenchStore(JdbcStore.open(embedded), pg, "embedded PostgreSQL 14 (zonky)");
      }
      default ->
          throw new IllegalArgumentException("unknown store '" + kind + "' (sqlite or postgresql)");
    };
  }

  Store store() {
    return store;
  }

  String description() {
    return description;
  }

  @Override
  public void close() throws IOException {
    store.close();
    if (postgres != null) {
      postgres.close();
    }
  }
}
