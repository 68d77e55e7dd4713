package io.aispine.engine;

/**
 * A replay request that does not fit its origin execution: {@code from} is not a node of the flow,
 * or an output override names a node that is not reused.
 */
public final class InvalidReplayException extends RuntimeException {

  private final String field;

  /**
   * @param field what the problem is about, as a JSON pointer into the request ({@code /from},
   *     {@code /outputs/score})
   */
  public InvalidReplayException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The JSON pointer of the request field at fault. */
  public String field() {
    return field;
  }
}
