package io.aispine.flow;

/**
 * A position in a flow's YAML source, 1-based.
 *
 * @param line the line, or 0 when unknown
 * @param column the column, or 0 when unknown
 */
public record SourceLocation(int line, int column) {

  /** Used for flows built in code rather than parsed. */
  public static final SourceLocation UNKNOWN = new SourceLocation(0, 0);

  @Override
  public String toString() {
    return line == 0 ? "?" : "line " + line + " col " + column;
  }
}
