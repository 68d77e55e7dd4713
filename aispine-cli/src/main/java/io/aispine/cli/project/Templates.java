package io.aispine.cli.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
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
