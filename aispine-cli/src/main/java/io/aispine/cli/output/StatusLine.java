package io.aispine.cli.output;

import java.io.PrintWriter;

/**
 * One line at the bottom of an interactive terminal that is redrawn in place (a progress bar),
 * cleared before other lines are printed so that they scroll above it. Does nothing when the output
 * is not a terminal, so that logs and pipes get plain lines only.
 */
final class StatusLine {

  private static final String CLEAR = "\r\u001b[2K";

  private final PrintWriter out;
  private final boolean enabled;
  private boolean shown;

  StatusLine(PrintWriter out, boolean enabled) {
    this.out = out;
    this.enabled = enabled;
  }

  /** True when stdout is an interactive terminal and the terminal is not {@code dumb}. */
  static boolean interactive() {
    return Terminal.isTerminal(System.console()) && !"dumb".equals(System.getenv("TERM"));
  }

  void show(String text) {
    if (enabled) {
      out.print(CLEAR + text);
      out.flush();
      shown = true;
    }
  }

  void clear() {
    if (enabled && shown) {
      out.print(CLEAR);
      out.flush();
      shown = false;
    }
  }

  /** {@code [██████░░░░] 3/5}: a bar of {@code width} cells for {@code done} of {@code total}. */
  static String bar(int done, int total, int width) {
    int filled = total <= 0 ? 0 : Math.min(width, done * width / total);
    return "[" + "█".repeat(filled) + "░".repeat(width - filled) + "] " + done + "/" + total;
  }
}
