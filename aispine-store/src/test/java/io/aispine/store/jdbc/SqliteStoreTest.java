package io.aispine.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.store.StoreException;
import io.aispine.store.jdbc.internal.ConnectionPools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the embedded SQLite store does: the data dir, its lock and its durability settings. */
class SqliteStoreTest {

  @TempDir Path dataDir;

  private Process holder;

  @AfterEach
  void stopHolder() {
    if (holder != null) {
      holder.destroyForcibly();
    }
    System.clearProperty(ConnectionPools.SYNC_PROPERTY);
  }

  @Test
  void creates_the_data_dir_with_a_wal_database_and_a_lock_file() throws SQLException {
    Path nested = dataDir.resolve("a/b");

    try (JdbcStore store = JdbcStore.openDataDir(nested)) {
      assertThat(store.isReachable()).isTrue();
    }

    assertThat(nested.resolve("aispine.db")).isRegularFile();
    assertThat(nested.resolve("aispine.lock")).isRegularFile();
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + nested.resolve("aispine.db"));
        ResultSet mode = connection.createStatement().executeQuery("PRAGMA journal_mode")) {
      mode.next();
      assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void rejects_second_engine_on_same_data_dir() throws Exception {
    holder = startHolder();

    assertThatThrownBy(() -> JdbcStore.openDataDir(dataDir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("data dir " + dataDir.toAbsolutePath())
        .hasMessageContaining("in use by another AI Spine process (pid " + holder.pid());

    holder.getOutputStream().close(); // the holder closes its store and exits
    assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    try (JdbcStore store = JdbcStore.openDataDir(dataDir)) {
      assertThat(store.isReachable()).isTrue();
    }
  }

  @Test
  void frees_the_data_dir_when_its_engine_is_killed() throws Exception {
    holder = startHolder();

    holder.destroyForcibly(); // SIGKILL: no shutdown hook, no close
    assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

    try (JdbcStore store = JdbcStore.openDataDir(dataDir)) {
      assertThat(store.isReachable()).isTrue();
    }
  }

  @Test
  void rejects_an_unknown_sync_mode_naming_the_choices() {
    System.setProperty(ConnectionPools.SYNC_PROPERTY, "OFF");

    assertThatThrownBy(() -> JdbcStore.openDataDir(dataDir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'OFF'")
        .hasMessageContaining("AISPINE_SQLITE_SYNC")
        .hasMessageContaining("FULL (default) or NORMAL");
  }

  @Test
  void opens_with_normal_sync_when_asked() {
    System.setProperty(ConnectionPools.SYNC_PROPERTY, "normal");

    try (JdbcStore store = JdbcStore.openDataDir(dataDir)) {
      assertThat(store.isReachable()).isTrue();
    }
  }

  @Test
  void releases_the_lock_when_opening_fails_after_taking_it() {
    System.setProperty(ConnectionPools.SYNC_PROPERTY, "OFF");
    assertThatThrownBy(() -> JdbcStore.openDataDir(dataDir)).isInstanceOf(StoreException.class);
    System.clearProperty(ConnectionPools.SYNC_PROPERTY);

    try (JdbcStore store = JdbcStore.openDataDir(dataDir)) {
      assertThat(store.isReachable()).isTrue();
    }
  }

  @Test
  void rejects_in_memory_sqlite() {
    assertThatThrownBy(() -> JdbcStore.open("jdbc:sqlite::memory:"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("in-memory SQLite is not supported");
  }

  @Test
  void rejects_an_unsupported_url_naming_the_supported_ones() {
    assertThatThrownBy(() -> JdbcStore.open("jdbc:mysql://localhost/aispine"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("jdbc:sqlite:<file> or jdbc:postgresql://");
  }

  private Process startHolder() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    HoldStore.class.getName(),
                    dataDir.toString()))
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("holding ")) {
        return process;
      }
    }
    throw new IllegalStateException("the holder process exited before opening the store");
  }
}
