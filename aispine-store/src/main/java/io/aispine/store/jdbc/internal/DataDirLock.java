package io.aispine.store.jdbc.internal;

import io.aispine.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OS file lock on {@code <dataDir>/aispine.lock} that keeps a second process (or a second store
 * in this process) off a SQLite data dir. The OS releases it when the process dies, even on {@code
 * kill -9}, so a crash never leaves the data dir stuck.
 */
public final class DataDirLock implements ExclusiveLock {

  /**
   * Lock files this process holds. OS locks belong to the process, and closing any channel on the
   * file may drop them, so a second store in this process must be refused before it opens one.
   */
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock or fails at once, naming the process that holds it. */
  public static DataDirLock acquire(Path lockFile) {
    Path dataDir = lockFile.toAbsolutePath().getParent();
    Path key = canonical(lockFile);
    if (!HELD_HERE.add(key)) {
      throw inUse(dataDir, "another store opened by this process (" + ExclusiveLock.owner() + ")");
    }
    try {
      return lock(lockFile, key, dataDir);
    } catch (RuntimeException e) {
      HELD_HERE.remove(key);
      throw e;
    }
  }

  private static DataDirLock lock(Path lockFile, Path key, Path dataDir) {
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreException("cannot open lock file " + lockFile + ": " + e.getMessage(), e);
    }
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held through a path that HELD_HERE did not recognise (a hard link)
      }
      if (lock == null) {
        String holder = readHolder(lockFile);
        channel.close();
        throw inUse(dataDir, "another AI Spine process (" + holder + ")");
      }
      // The holder is written for the error above only; the lock itself is what counts.
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap((ExclusiveLock.owner() + "\n").getBytes(StandardCharsets.UTF_8)));
      channel.force(false);
      return new DataDirLock(key, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreException("cannot lock data dir " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Releases the lock. The file stays: deleting it would let a third process lock a fresh file
   * while a second one still waits on the old one.
   */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel below releases it as well
    } finally {
      closeQuietly(channel);
      HELD_HERE.remove(key);
    }
  }

  private static StoreException inUse(Path dataDir, String holder) {
    return new StoreException(
        "data dir " + dataDir + " is in use by " + holder + "; stop it or use another data dir");
  }

  /** The lock file's path with symbolic links resolved, so two spellings of one dir collide. */
  private static Path canonical(Path lockFile) {
    Path absolute = lockFile.toAbsolutePath().normalize();
    try {
      return absolute.getParent().toRealPath().resolve(absolute.getFileName());
    } catch (IOException e) {
      return absolute;
    }
  }

  private static String readHolder(Path lockFile) {
    try {
      String text = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "pid unknown" : text;
    } catch (IOException e) {
      return "pid unknown";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }
}
