package io.aispine.server.internal.auth;

import com.github.f4b6a3.ulid.UlidCreator;
import io.aispine.store.ApiKey;
import io.aispine.store.ApiKeyStore;
import io.aispine.store.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;

/**
 * Creates the admin key (role {@code owner}: the server's owner, admin of the default workspace) on
 * a store that has no key yet: the key goes to a file readable only by its owner, and only its
 * SHA-256 goes to the store.
 */
public final class AdminKeyBootstrap {

  /** The key file's name inside its directory. */
  public static final String FILE_NAME = "admin.key";

  private AdminKeyBootstrap() {}

  /**
   * The new admin key, or empty when the store already has keys.
   *
   * @param keyDir where to write {@value #FILE_NAME}
   */
  public static Optional<String> createIfNone(ApiKeyStore keys, Path keyDir, InstantSource clock) {
    if (keys.count() > 0) {
      return Optional.empty();
    }
    String key = ApiKeyText.generate();
    // The file first: a key whose hash is stored but whose text was never saved would lock the
    // admin out for good, whereas a file without a stored hash is simply replaced next start.
    writeOwnerOnly(keyDir.resolve(FILE_NAME), key + "\n");
    String id = "key_" + UlidCreator.getMonotonicUlid().toString().toLowerCase(Locale.ROOT);
    // the server's owner, acting in the default workspace (where it is everything an admin is)
    keys.create(
        new ApiKey(
            id,
            Workspace.DEFAULT,
            "admin",
            "owner",
            ApiKeyText.sha256(key),
            key.substring(0, KeyRoutes.PREFIX_LENGTH),
            new ApiKey.Times(clock.instant(), null, null, null)));
    return Optional.of(key);
  }

  /** Writes {@code text} to {@code file} with mode 600 where the file system has POSIX modes. */
  public static void writeOwnerOnly(Path file, String text) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp;
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        // created with mode 600, so the key is never readable by others, not even for an instant
        temp =
            Files.createTempFile(
                dir,
                ".admin",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        temp = Files.createTempFile(dir, ".admin", ".tmp");
      }
      try {
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try {
          Files.move(
              temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the admin key file " + file + ": " + e.getMessage(), e);
    }
  }
}
