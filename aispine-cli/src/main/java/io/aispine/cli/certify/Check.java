package io.aispine.cli.certify;

/**
 * The outcome of one certification check.
 *
 * @param name the check ({@code health}, {@code manifest} …)
 * @param status pass, warn or fail
 * @param detail what was measured or what went wrong, for people
 */
public record Check(String name, Status status, String detail) {

  /** How a check ended; only {@link #FAIL} withholds certification. */
  public enum Status {
    PASS,
    WARN,
    FAIL
  }

  static Check pass(String name, String detail) {
    return new Check(name, Status.PASS, detail);
  }

  static Check warn(String name, String detail) {
    return new Check(name, Status.WARN, detail);
  }

  static Check fail(String name, String detail) {
    return new Check(name, Status.FAIL, detail);
  }
}
