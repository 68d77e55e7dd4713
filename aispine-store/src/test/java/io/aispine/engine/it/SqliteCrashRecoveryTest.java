package io.aispine.engine.it;

/** {@link CrashRecoveryContract} on SQLite: the child's store is a data dir in a temp dir. */
class SqliteCrashRecoveryTest extends CrashRecoveryContract {

  @Override
  protected String storeLocation() {
    return dataDir.resolve("data").toString();
  }
}
