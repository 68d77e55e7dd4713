package io.aispine.store.jdbc.internal;

/**
 * Proof that this process is the only AI Spine engine using a store, held from open to close. Two
 * embedded engines on one store would both think they own every execution and run each node twice.
 */
public sealed interface ExclusiveLock extends AutoCloseable permits DataDirLock, DatabaseLock {

  /** Releases the lock; another engine may then open the store. */
  @Override
  void close();

  /** This process's id and host, as shown to whoever finds the store locked. */
  static String owner() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown-host";
    }
    return "pid " + ProcessHandle.current().pid() + " on " + host;
  }
}
