package io.aispine.cli.demo;

import io.aispine.cli.output.Terminal;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The KYC demo's closing account: how many guests were answered and how many twice, the kill, the
 * verdicts, and the time from webhook to reply.
 *
 * @param inFlightAtKill guests delivered and not yet answered when the server was killed, -1 when
 *     it was not
 */
record KycSummary(
    List<GuestProgress> guests,
    boolean killRequested,
    int inFlightAtKill,
    long killedPid,
    Duration restartTook) {

  /** Prints the summary; true when every guest got the expected answer exactly once. */
  boolean print(PrintWriter out, Terminal term, String total) {
    long answered = guests.stream().filter(GuestProgress::answered).count();
    long twice = guests.stream().filter(g -> g.replies().size() > 1).count();
    boolean killed = inFlightAtKill >= 0;
    out.println(term.bold("Summary"));
    String promise =
        guests.size()
            + " guests, "
            + answered
            + " answered, "
            + twice
            + " twice, "
            + (killed
                ? "server killed at " + inFlightAtKill + " in flight"
                : killRequested ? "the server was NOT killed" : "no kill (--no-kill)");
    boolean exactlyOnce = answered == guests.size() && twice == 0;
    out.println("  " + (exactlyOnce ? term.green(promise) : term.red(promise)));
    if (killed) {
      out.println(
          "  the server (pid "
              + killedPid
              + ") died by SIGKILL mid-flight and was back in "
              + KycDemo.millis(restartTook.toNanos())
              + "; every guest still finished "
              + (exactlyOnce ? "exactly once" : "— but not exactly once"));
    }
    long confirmed = count("confirm");
    long reviewed = guests.stream().filter(GuestProgress::wasReviewed).count();
    long refused = count("refuse");
    long askedAgain = count("ask_again");
    long expected = guests.stream().filter(GuestProgress::asExpected).count();
    out.println(
        "  verdicts: "
            + confirmed
            + " confirmed ("
            + reviewed
            + " after a front-desk review), "
            + refused
            + " refused, "
            + askedAgain
            + " asked for a new photo; "
            + (expected == guests.size()
                ? term.green(expected + "/" + guests.size() + " as expected")
                : term.red(expected + "/" + guests.size() + " as expected")));
    List<Long> replies =
        guests.stream()
            .filter(GuestProgress::answered)
            .map(GuestProgress::millisToReply)
            .sorted()
            .toList();
    List<Long> ocr =
        guests.stream().map(GuestProgress::ocrMillis).filter(ms -> ms >= 0).sorted().toList();
    out.println(
        "  webhook → reply: p50 "
            + seconds(percentile(replies, 50))
            + ", p95 "
            + seconds(percentile(replies, 95))
            + ", max "
            + seconds(percentile(replies, 100))
            + (killed ? " (the guests in flight include the restart)" : "")
            + "; ocr per page: median "
            + seconds(percentile(ocr, 50))
            + ", max "
            + seconds(percentile(ocr, 100)));
    out.println(
        "  all "
            + guests.size()
            + " guests in "
            + total
            + ", by hand about ten minutes each (docs/kyc.md)");
    out.flush();
    return exactlyOnce && (killed || !killRequested) && expected == guests.size();
  }

  private long count(String reply) {
    return guests.stream().filter(g -> reply.equals(g.replyNode())).count();
  }

  /** The nearest-rank percentile of sorted values, or -1 for none. */
  static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static String seconds(long millis) {
    return millis < 0 ? "-" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
