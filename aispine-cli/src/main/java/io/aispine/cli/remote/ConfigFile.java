package io.aispine.cli.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Hint;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CLI's config file ({@code ~/.aispine/config.yaml}, or {@code $AISPINE_CONFIG}): the server
 * URL and API key that {@code aispine init} saved. It holds a secret, so it is written with mode
 * 600.
 */
record ConfigFile(Path path, String url, String token) {

  /**
   * The config file's location: {@code -Daispine.config}, {@code $AISPINE_CONFIG}, else the home
   * one.
   */
  static Path location() {
    String property = System.getProperty("aispine.config");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String env = System.getenv("AISPINE_CONFIG");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".aispine", "config.yaml");
  }

  /** The saved settings, or an empty config when the file does not exist. */
  static ConfigFile read(Path path) {
    if (!Files.exists(path)) {
      return new ConfigFile(path, null, null);
    }
    try {
      Object parsed = yaml().readValue(Files.readString(path), Object.class);
      if (parsed == null) {
        return new ConfigFile(path, null, null);
      }
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new CliException(
            ExitCodes.USAGE,
            "config file "
                + path
                + " must hold 'url:' and 'token:'; run '"
                + Hint.aispine()
                + " init' again");
      }
      return new ConfigFile(path, text(map.get("url")), text(map.get("token")));
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "cannot read config file "
              + path
              + ": "
              + e.getMessage()
              + "; fix it or run '"
              + Hint.aispine()
              + " init' again");
    }
  }

  /** Writes the file atomically, readable by its owner only (the token is a secret). */
  void write() {
    var values = new LinkedHashMap<String, Object>();
    values.put("url", url);
    if (token != null) {
      values.put("token", token);
    }
    try {
      Path dir = path.toAbsolutePath().getParent();
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(
              dir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(dir);
        }
      }
      // Created with mode 600 from the start, so the token is never readable by others, not even
      // for an instant; then moved into place so that a crash leaves the old file or the new one.
      FileAttribute<?>[] ownerOnly =
          posix
              ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
              }
              : new FileAttribute<?>[0];
      Path tmp = Files.createTempFile(dir, ".config-", ".tmp", ownerOnly);
      String text =
          "# Written by 'aispine init'. Holds an API key: keep it private (mode 600).\n"
              + yaml().writeValueAsString(values);
      Files.writeString(tmp, text);
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.ENVIRONMENT, "cannot write config file " + path + ": " + e.getMessage());
    }
  }

  private static ObjectMapper yaml() {
    return new ObjectMapper(
        YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }
}
