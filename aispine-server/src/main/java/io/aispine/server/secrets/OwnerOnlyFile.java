package io.aispine.server.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files only their owner may read: the admin key and the secrets keyset. */
public final class OwnerOnlyFile {

  private OwnerOnlyFile() {}

  /**
   * Writes {@code text} to {@code file} (replacing it atomically where the file system can) with
   * mode 600 where the file system has POSIX modes.
   *
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public static void write(Path file, String text) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp;
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        // created with mode 600, so the content is never readable by others, not even for an
        // instant
        temp =
            Files.createTempFile(
                dir,
                ".aispine",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        temp = Files.createTempFile(dir, ".aispine", ".tmp");
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
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
