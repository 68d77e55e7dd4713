package io.aispine.store.jdbc;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A second process for the lock tests: opens a data dir, says so, and holds it until stdin ends.
 */
public final class HoldStore {

  private HoldStore() {}

  /** Opens the data dir in {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    try (JdbcStore store = JdbcStore.openDataDir(Path.of(args[0]))) {
      System.out.println("holding " + ProcessHandle.current().pid());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the test to close our stdin, or to kill us
      }
    }
  }
}
