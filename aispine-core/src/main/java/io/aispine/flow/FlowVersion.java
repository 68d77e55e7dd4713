package io.aispine.flow;

import java.util.regex.Pattern;

/**
 * A semantic version ({@code MAJOR.MINOR.PATCH[-prerelease][+build]}) of a flow.
 *
 * @param text the version exactly as written
 */
public record FlowVersion(String text) implements Comparable<FlowVersion> {

  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
              + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

  public FlowVersion {
    if (text == null || !SEMVER.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. 1.0.0)");
    }
  }

  /** Parses a version, throwing {@link IllegalArgumentException} with a readable message. */
  public static FlowVersion parse(String text) {
    return new FlowVersion(text);
  }

  /** True when {@code text} is a valid semantic version. */
  public static boolean isValid(String text) {
    return text != null && SEMVER.matcher(text).matches();
  }

  @Override
  public int compareTo(FlowVersion other) {
    return new org.semver4j.Semver(text).compareTo(new org.semver4j.Semver(other.text));
  }

  @Override
  public String toString() {
    return text;
  }
}
