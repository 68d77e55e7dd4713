package io.aispine.flow;

import java.util.Objects;

/**
 * One thing wrong with a flow file, located precisely enough for an editor to underline it.
 *
 * @param source the file or source name ({@code flows/kyc.yaml})
 * @param line the 1-based line, or 0 when unknown
 * @param column the 1-based column, or 0 when unknown
 * @param pointer the JSON pointer of the offending value ({@code /nodes/2/needs/0}), empty for the
 *     whole document
 * @param message what is wrong and, where possible, how to fix it
 */
public record FlowProblem(String source, int line, int column, String pointer, String message) {

  public FlowProblem {
    source = source == null ? "" : source;
    pointer = pointer == null ? "" : pointer;
    Objects.requireNonNull(message, "message");
  }

  /** {@code flows/kyc.yaml line 14 col 9: node 'ocr' needs unknown node 'dowload' …}. */
  @Override
  public String toString() {
    return source + " line " + line + " col " + column + ": " + message;
  }
}
