package io.aispine.cli;

/**
 * What the output can show: colours only on an interactive terminal and when {@code NO_COLOR} is
 * not set (no-color.org).
 */
record Terminal(boolean color) {

  static Terminal detect() {
    boolean tty = System.console() != null && System.console().isTerminal();
    boolean noColor = System.getenv("NO_COLOR") != null;
    return new Terminal(tty && !noColor && !"dumb".equals(System.getenv("TERM")));
  }

  static Terminal plain() {
    return new Terminal(false);
  }

  String green(String s) {
    return paint("32", s);
  }

  String red(String s) {
    return paint("31", s);
  }

  String yellow(String s) {
    return paint("33", s);
  }

  String dim(String s) {
    return paint("2", s);
  }

  String bold(String s) {
    return paint("1", s);
  }

  private String paint(String code, String s) {
    return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
