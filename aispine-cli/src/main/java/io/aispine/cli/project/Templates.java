package io.aispine.cli.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a generated agent project, read from {@code /scaffold/} on the class path with their
 * {@code {{key}}} placeholders filled in.
 */
final class Templates {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z0-9]+)}}");

  private Templates() {}

  /** The bytes of {@code /scaffold/<resource>}, as shipped. */
  static byte[] bytes(String resource) {
    try (InputStream in = Templates.class.getResourceAsStream("/scaffold/" + resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the CLI's jar has no scaffold/" + resource + "; rebuild the distribution");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code /scaffold/<resource>} with every {@code {{key}}} replaced by its value. */
  static String fill(String resource, Map<String, String> values) {
    String text = new String(bytes(resource), StandardCharsets.UTF_8);
    Matcher m = PLACEHOLDER.matcher(text);
    var out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException(
            "scaffold/" + resource + " uses unknown {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Every file under {@code /scaffold/<folder>/}, by path relative to it, in path order: the copy
   * of an SDK that a project carries.
   */
  static SortedMap<String, byte[]> tree(String folder) {
    URL url = Templates.class.getResource("/scaffold/" + folder);
    if (url == null) {
      throw new IllegalStateException(
          "the CLI's jar has no scaffold/" + folder + "; rebuild the distribution");
    }
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return read(Path.of(uri));
      }
      try (var jar = FileSystems.newFileSystem(uri, Map.of())) {
        return read(jar.provider().getPath(uri));
      } catch (FileSystemAlreadyExistsException e) {
        return read(FileSystems.getFileSystem(uri).provider().getPath(uri));
      }
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SortedMap<String, byte[]> read(Path root) throws IOException {
    var files = new TreeMap<String, byte[]>();
    try (var paths = Files.walk(root)) {
      for (var file : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    return files;
  }

  /**
   * The versions this build writes into generated projects ({@code scaffold/versions.properties}).
   */
  static Properties versions() {
    var versions = new Properties();
    try (InputStream in = new java.io.ByteArrayInputStream(bytes("versions.properties"))) {
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return versions;
  }
}
