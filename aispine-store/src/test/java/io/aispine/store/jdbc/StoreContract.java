package io.aispine.store.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Opens a fresh store of one dialect before each test and closes it after. */
abstract class StoreContract {

  protected JdbcStore store;

  /** Opens the store of the current test; every call in one test opens the same one. */
  protected abstract JdbcStore open();

  @BeforeEach
  void openStore() {
    store = open();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  /** Closes the store and opens it again, as a restarted engine would. */
  protected void reopen() {
    store.close();
    store = null;
    store = open();
  }
}
