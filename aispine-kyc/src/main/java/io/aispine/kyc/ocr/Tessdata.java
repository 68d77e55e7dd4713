package io.aispine.kyc.ocr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The English Tesseract model, shipped inside the tess4j jar on the class path and extracted once
 * to a cache directory ({@code AISPINE_CACHE_DIR}, else {@code ~/.cache/aispine}) so that Tesseract
 * can open it as a file. Nothing to install.
 */
final class Tessdata {

  private static final String MODEL = "tessdata/eng.traineddata";

  private Tessdata() {}

  /** The directory holding {@code eng.traineddata}, extracted on first use. */
  static synchronized Path directory() {
    String configured = System.getenv("AISPINE_CACHE_DIR");
    Path cache =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of(System.getProperty("user.home"), ".cache", "aispine");
    Path dir = cache.resolve("tessdata");
    Path model = dir.resolve("eng.traineddata");
    try (InputStream in = Tessdata.class.getClassLoader().getResourceAsStream(MODEL)) {
      if (in == null) {
        throw new IllegalStateException(
            MODEL
                + " is not on the class path: add net.sourceforge.tess4j:tess4j (see aispine-kyc/pom.xml)");
      }
      byte[] bytes = in.readAllBytes();
      if (Files.isRegularFile(model) && Files.size(model) == bytes.length) {
        return dir;
      }
      Files.createDirectories(dir);
      // Written beside and moved: a concurrent process never sees half a model.
      Path partial = Files.createTempFile(dir, "eng", ".part");
      Files.write(partial, bytes);
      Files.move(
          partial, model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot extract "
              + MODEL
              + " to "
              + dir
              + ": set AISPINE_CACHE_DIR to a writable directory",
          e);
    }
  }
}
