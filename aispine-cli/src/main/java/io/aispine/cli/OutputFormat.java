package io.aispine.cli;

/** How a command prints its result. */
enum OutputFormat {
  TEXT,
  JSON;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
