package io.aispine.server.internal.http;

/** Makes user-supplied text safe to quote in an error message: short, no control characters. */
public final class Printable {

  private static final int MAX = 80;

  private Printable() {}

  /** At most 80 characters of {@code text}, control characters replaced by {@code ?}. */
  public static String clip(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX + 1));
    text.codePoints()
        .limit(MAX)
        .forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return text.codePointCount(0, text.length()) > MAX ? out + "…" : out.toString();
  }
}
