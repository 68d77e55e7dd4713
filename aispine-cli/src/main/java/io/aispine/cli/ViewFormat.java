package io.aispine.cli;

import java.util.Locale;

/** How a remote command prints what the server answered. */
enum ViewFormat {
  /** Aligned columns for lists, {@code key: value} lines for one object. */
  TABLE,
  /** The API's JSON, indented. */
  JSON;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
