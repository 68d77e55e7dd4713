package io.aispine.cli.output;

/**
 * What the output can show: colours only on an interactive terminal and when {@code NO_COLOR} is
 * not set (no-color.org).
 */
public record Terminal(boolean color) {

  public static Terminal detect() {
    boolean tty = isTerminal(System.console());
    boolean noColor = System.getenv("NO_COLOR") != null;
    return new Terminal(tty && !noColor && !"dumb".equals(System.getenv("TERM")));
  }

  /**
   * From JDK 22 on, {@code System.console()} is non-null even when output is redirected, and {@code
   * Console.isTerminal()} tells the truth; it is not in the Java 21 API we compile against, so it
   * is looked up at run time.
   */
  public static boolean isTerminal(java.io.Console console) {
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // Java 21: a non-null console is a terminal
    }
  }

  static Terminal plain() {
    return new Terminal(false);
  }

  public String green(String s) {
    return paint("32", s);
  }

  public String red(String s) {
    return paint("31", s);
  }

  public String yellow(String s) {
    return paint("33", s);
  }

  public String dim(String s) {
    return paint("2", s);
  }

  public String bold(String s) {
    return paint("1", s);
  }

  private String paint(String code, String s) {
    return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
