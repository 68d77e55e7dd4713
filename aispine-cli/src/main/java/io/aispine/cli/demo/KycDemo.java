package io.aispine.cli.demo;

import io.aispine.agents.channel.whatsapp.WhatsAppConfig;
import io.aispine.api.Approval;
import io.aispine.api.ApprovalStatus;
import io.aispine.api.Execution;
import io.aispine.api.ExecutionSummary;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Terminal;
import io.aispine.sdk.AispineClient;
import io.aispine.sdk.AispineException;
import io.aispine.sdk.ApprovalQuery;
import io.aispine.sdk.ExecutionQuery;
import io.aispine.standin.whatsapp.GraphApiStandIn;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The KYC showcase: guests send photos of their ID over (a stand-in of) WhatsApp to a real {@code
 * aispine server} running as a child process, which reads, matches and answers them through
 * examples/kyc/kyc_onboarding.yaml. Midway the demo kills the server with SIGKILL, starts it again
 * on the same store, and counts the replies each guest got: every guest answered, none twice.
 */
final class KycDemo {

  private static final String PHONE_NUMBER_ID = "106540352242922";
  private static final String FLOW = "kyc_onboarding";

  /** Guests arrive one after another, as they would at a front desk, not all in one burst. */
  private static final Duration ARRIVAL = Duration.ofMillis(400);

  private static final Duration POLL = Duration.ofMillis(100);

  private final PrintWriter out;
  private final Terminal term;
  private final KycDemoOptions options;
  private final String accessToken = "EAAdemo" + random();
  private final String appSecret = random();
  private long start;
  private int inFlightAtKill = -1;
  private long killedPid;
  private Duration restartTook;

  KycDemo(PrintWriter out, Terminal term, KycDemoOptions options) {
    this.out = out;
    this.term = term;
    this.options = options;
  }

  /** Runs the showcase in a temporary directory, deleted when everything went as promised. */
  int run() throws Exception {
    Path dir = Files.createTempDirectory("aispine-kyc-demo-");
    boolean ok = false;
    try {
      ok = run(dir);
      return ok ? ExitCodes.OK : ExitCodes.FAILED;
    } finally {
      if (ok) {
        ExamplesDemoCommand.deleteQuietly(dir);
      } else {
        out.println("The demo's files (server store, log, reservations) are kept in " + dir + ".");
        out.flush();
      }
    }
  }

  private boolean run(Path dir) throws Exception {
    out.println(
        term.bold("AI Spine demo")
            + ": hotel check-in over WhatsApp. Guests send a photo of their passport or ID card;"
            + " AI Spine reads it (ocr), finds the booking (reservations), compares the two"
            + " (kyc-match) and answers, asking the front desk when unsure.");
    // the server starts while the photos are drawn: it reads the reservations file only when a
    // guest is looked up, and again whenever the file changes
    Path csv = dir.resolve("reservations.csv");
    long starting = System.nanoTime();
    CompletableFuture<List<DemoGuest>> lineup =
        CompletableFuture.supplyAsync(
            () -> {
              List<DemoGuest> guests = DemoGuest.lineup(options.guests, options.seed);
              DemoGuest.writeReservations(guests, csv);
              return guests;
            });
    try (var graph = GraphApiStandIn.start(PHONE_NUMBER_ID, accessToken, appSecret);
        var server =
            ChildServer.start(
                dir.resolve("server"),
                dir.resolve("server.log"),
                serverEnvironment(graph.baseUrl(), csv, dir.resolve("media")),
                Duration.ofSeconds(options.startTimeout))) {
      out.println(
          term.dim(
              "Server: 'aispine server' as child process pid "
                  + server.pid()
                  + " on http://127.0.0.1:"
                  + server.port()
                  + ", up in "
                  + millis(System.nanoTime() - starting)
                  + "; store "
                  + dir.resolve("server").resolve("aispine.db")
                  + ", log "
                  + dir.resolve("server.log")));
      out.println(
          term.dim(
              "Stand-in WhatsApp Cloud API (plays Meta and the guests' phones) on "
                  + graph.baseUrl()));
      List<DemoGuest> guests = guests(lineup);
      out.println(
          term.dim(
              "Generated "
                  + guests.size()
                  + " ID photos and their bookings (seed "
                  + options.seed
                  + ") in "
                  + millis(System.nanoTime() - starting)
                  + "; reservations in "
                  + csv));
      printConsole(server, dir);
      try (var desk = new Desk(server)) {
        boolean ok = showcase(guests, graph, server, desk);
        if (options.stay) {
          stay(server, dir);
        }
        return ok;
      }
    }
  }

  private static List<DemoGuest> guests(CompletableFuture<List<DemoGuest>> lineup)
      throws InterruptedException {
    try {
      return lineup.get();
    } catch (ExecutionException e) {
      throw new CliException(
          ExitCodes.FAILED, "the synthetic guests could not be generated: " + e.getCause());
    }
  }

  /** Deploys the flow, follows the guests, and prints their conversations and the summary. */
  private boolean showcase(
      List<DemoGuest> guests, GraphApiStandIn graph, ChildServer server, Desk desk)
      throws Exception {
    desk.connect(graph);
    desk.deploy();
    out.println(
        "Deployed and approved "
            + FLOW
            + " (examples/kyc/kyc_onboarding.yaml); the front desk signs in with an operator"
            + " key."
            + (options.kill ? " Midway the server is killed with SIGKILL and started again." : ""));
    out.println();
    List<GuestProgress> progress = guests.stream().map(GuestProgress::new).toList();
    follow(progress, graph, server, desk);
    printConversations(progress);
    return new KycSummary(progress, options.kill, inFlightAtKill, killedPid, restartTook)
        .print(out, term, millis(System.nanoTime() - start));
  }

  /** Delivers the guests, follows them live, kills and restarts the server midway. */
  private void follow(
      List<GuestProgress> progress, GraphApiStandIn graph, ChildServer server, Desk desk)
      throws InterruptedException {
    start = System.nanoTime();
    long deadline = start + Duration.ofSeconds(options.timeout).toNanos();
    int delivered = 0;
    while (!progress.stream().allMatch(GuestProgress::finished)) {
      if (System.nanoTime() > deadline) {
        throw new CliException(
            ExitCodes.FAILED,
            "not every guest was answered within "
                + options.timeout
                + " s (--timeout): "
                + progress.stream()
                    .filter(p -> !p.finished())
                    .map(p -> p.guest().id() + " " + p.stage())
                    .collect(Collectors.joining(", "))
                + server.logTail());
      }
      if (delivered < progress.size()
          && System.nanoTime() - start >= delivered * ARRIVAL.toNanos()) {
        deliver(progress.get(delivered++), graph, server);
      }
      try {
        refresh(progress, graph, desk);
      } catch (AispineException e) {
        throw new CliException(
            ExitCodes.FAILED, "the demo lost its server: " + e.getMessage() + server.logTail());
      }
      if (options.kill && inFlightAtKill < 0 && timeToKill(progress, delivered)) {
        killAndRestart(progress, graph, server, desk);
      }
      Thread.sleep(POLL);
    }
  }

  /**
   * Midway: half the guests arrived, and at least two are in flight (one, once the last guest
   * arrived).
   */
  private static boolean timeToKill(List<GuestProgress> progress, int delivered) {
    long inFlight = progress.stream().filter(GuestProgress::inFlight).count();
    long needed = delivered < progress.size() ? Math.min(2, progress.size()) : 1;
    return delivered * 2 >= progress.size() && inFlight >= needed;
  }

  /**
   * Holds the stand-in's sends and waits until the server recorded every reply WhatsApp took: a
   * reply taken but not yet recorded when the process dies would be sent again after the restart,
   * since the Cloud API has no idempotency key (docs/kyc.md). Returns false if that did not happen
   * within 30 s (the kill goes ahead; the summary counts what the guests got).
   */
  private boolean quiesceSends(List<GuestProgress> progress, GraphApiStandIn graph, Desk desk)
      throws InterruptedException {
    graph.holdSends();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      refresh(progress, graph, desk);
      if (progress.stream().allMatch(p -> !p.answered() || p.replyNode() != null)) {
        return true;
      }
      Thread.sleep(POLL);
    }
    return false;
  }

  private void killAndRestart(
      List<GuestProgress> progress, GraphApiStandIn graph, ChildServer server, Desk desk)
      throws InterruptedException {
    boolean quiet = quiesceSends(progress, graph, desk);
    List<GuestProgress> inFlight = progress.stream().filter(GuestProgress::inFlight).toList();
    inFlightAtKill = inFlight.size();
    killedPid = server.pid();
    server.kill();
    int held = graph.dropHeldSends();
    out.println(
        term.red(term.bold(String.format(Locale.ROOT, "%7s  SIGKILL", elapsed())))
            + "  the server (pid "
            + killedPid
            + ") is killed with "
            + inFlightAtKill
            + (inFlightAtKill == 1 ? " guest" : " guests")
            + " in flight: "
            + inFlight.stream()
                .map(p -> p.guest().id() + " " + p.stage())
                .collect(Collectors.joining(", "))
            + (held > 0 ? "; " + held + " reply held at WhatsApp, never taken" : "")
            + (quiet ? "" : "; a reply WhatsApp took was not yet recorded"));
    long restarting = System.nanoTime();
    server.restart();
    restartTook = Duration.ofNanos(System.nanoTime() - restarting);
    desk.reconnect(server);
    desk.connect(graph);
    out.println(
        term.green(term.bold(String.format(Locale.ROOT, "%7s  RESTART", elapsed())))
            + "  same store, new process (pid "
            + server.pid()
            + ", port "
            + server.port()
            + ") in "
            + millis(restartTook.toNanos())
            + ": it resumes the executions it had started and the messages it had recorded.");
    printConsole(server, null);
    out.flush();
  }

  /**
   * Where to watch the guests' executions in the web console (a new address after a restart), and
   * which key signs in: the file's path, never the key itself.
   */
  private void printConsole(ChildServer server, Path dir) {
    server
        .consoleUrl()
        .ifPresent(
            url ->
                out.println(
                    term.dim(
                        "Web console: "
                            + url
                            + (dir == null
                                ? ""
                                : " (sign in with the key in "
                                    + dir.resolve("server").resolve("admin.key")
                                    + "; --stay keeps it up after the demo)"))));
    out.flush();
  }

  /** Keeps the server and its console up until this process is interrupted (Ctrl-C). */
  private void stay(ChildServer server, Path dir) throws InterruptedException {
    out.println();
    out.println(
        "The server stays up with the demo's executions"
            + server.consoleUrl().map(url -> " (web console: " + url + ")").orElse("")
            + "; its key is in "
            + dir.resolve("server").resolve("admin.key")
            + " and its files in "
            + dir
            + ". Press Ctrl-C to stop it.");
    out.flush();
    new CountDownLatch(1).await();
  }

  private void deliver(GuestProgress p, GraphApiStandIn graph, ChildServer server)
      throws InterruptedException {
    DemoGuest guest = p.guest();
    long at = System.nanoTime();
    GraphApiStandIn.Delivered delivered;
    try {
      delivered =
          graph.sendImage(
              guest.waId(),
              guest.booking().guestName(),
              guest.synthetic().image(),
              guest.synthetic().mimeType(),
              null);
    } catch (IllegalStateException e) {
      throw new CliException(ExitCodes.FAILED, e.getMessage() + server.logTail());
    }
    if (delivered.status() != 200) {
      throw new CliException(
          ExitCodes.FAILED,
          "the server refused "
              + guest.id()
              + "'s webhook delivery with "
              + delivered.status()
              + ": "
              + delivered.body()
              + server.logTail());
    }
    p.delivered(at);
    line(
        p,
        "received",
        guest.booking().guestName()
            + " (+"
            + guest.waId()
            + ") sends a photo: "
            + guest.layout()
            + ", "
            + guest.synthetic().image().length / 1024
            + " KiB; "
            + guest.situation().story());
  }

  /** Reads every unfinished guest's execution and replies; answers front-desk approvals. */
  private void refresh(List<GuestProgress> progress, GraphApiStandIn graph, Desk desk) {
    if (progress.stream().anyMatch(p -> p.wasDelivered() && p.executionId() == null)) {
      findExecutions(progress, desk.owner);
    }
    for (GuestProgress p : progress) {
      if (!p.wasDelivered() || p.finished()) {
        continue;
      }
      Execution execution =
          p.executionId() == null ? null : desk.owner.getExecution(p.executionId());
      p.update(execution, graph.sentTo(p.guest().waId()), System.nanoTime())
          .ifPresent(stage -> line(p, stage, p.detail()));
      if (p.waitsForFrontDesk()) {
        approve(p, desk);
      }
    }
    out.flush();
  }

  /** Maps the flow's executions to guests by the phone number the inbox started them with. */
  private static void findExecutions(List<GuestProgress> progress, AispineClient owner) {
    Map<String, GuestProgress> byPhone = new HashMap<>();
    progress.stream()
        .filter(p -> p.executionId() == null)
        .forEach(p -> byPhone.put(p.guest().waId(), p));
    var known = progress.stream().map(GuestProgress::executionId).collect(Collectors.toSet());
    for (ExecutionSummary summary :
        owner.listExecutions(new ExecutionQuery(FLOW, null, null, null, 500, null, null)).items()) {
      if (known.contains(summary.id())) {
        continue;
      }
      Object phone = owner.getExecution(summary.id()).inputs().get("phone");
      GuestProgress p = phone == null ? null : byPhone.get(phone.toString());
      if (p != null) {
        p.executionId(summary.id());
      }
    }
  }

  private void approve(GuestProgress p, Desk desk) {
    List<Approval> pending =
        desk.frontDesk
            .listApprovals(
                new ApprovalQuery(List.of(ApprovalStatus.PENDING), p.executionId(), 10, null))
            .items();
    for (Approval approval : pending) {
      desk.frontDesk.approve(
          approval.id(), "Checked the passport at the desk: the booking's nationality was a typo");
      p.reviewed();
      line(
          p,
          "approved",
          "the front desk (operator key 'front-desk') approves "
              + approval.id()
              + " through POST /api/v1/approvals/{id}/approve");
    }
  }

  private void printConversations(List<GuestProgress> progress) {
    out.println();
    out.println(term.bold("Conversations"));
    for (GuestProgress p : progress) {
      DemoGuest guest = p.guest();
      out.println(
          "  "
              + term.bold(guest.id())
              + "  "
              + guest.booking().guestName()
              + " · booking "
              + guest.booking().reference()
              + " · "
              + guest.layout()
              + " · "
              + guest.situation().story());
      out.println(
          "    guest ▸ [photo, "
              + guest.synthetic().image().length / 1024
              + " KiB "
              + guest.synthetic().mimeType()
              + "]");
      if (p.wasReviewed()) {
        out.println("    desk  ✓ approved the front-desk review");
      }
      for (var reply : p.replies()) {
        out.println("    hotel ◂ " + reply.text());
      }
      Execution e = p.execution();
      Map<String, Object> outputs = e == null ? Map.of() : e.outputs();
      String verdict =
          outputs.get("verdict") == null
              ? (p.replyNode() == null ? "none" : p.replyNode().replace('_', ' '))
              : outputs.get("verdict") + ", score " + GuestProgress.score(outputs.get("score"));
      out.println(
          "    verdict "
              + verdict
              + " · "
              + (p.asExpected()
                  ? term.green("as expected")
                  : term.red("expected the '" + guest.situation().reply() + "' reply"))
              + " · "
              + millis(p.millisToReply() * 1_000_000)
              + " from webhook to reply"
              + (p.ocrMillis() >= 0 ? " (ocr " + millis(p.ocrMillis() * 1_000_000) + ")" : ""));
      if (outputs.get("reasons") instanceof List<?> reasons) {
        for (Object reason : reasons) {
          if (reason instanceof Map<?, ?> r && !"match".equals(r.get("outcome"))) {
            out.println("      " + r.get("field") + ": " + r.get("detail"));
          }
        }
      }
    }
    out.println();
  }

  private void line(GuestProgress p, String stage, String detail) {
    String label = String.format(Locale.ROOT, "%-14s", stage);
    out.println(
        String.format(Locale.ROOT, "%7s  ", elapsed())
            + String.format(Locale.ROOT, "%-9s", p.guest().id())
            + " "
            + (stage.equals("answered") ? term.green(label) : label)
            + " "
            + detail);
  }

  private String elapsed() {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9);
  }

  private Map<String, String> serverEnvironment(URI graph, Path csv, Path media) {
    return Map.of(
        WhatsAppConfig.BASE_URL_ENV,
        graph.toString(),
        WhatsAppConfig.PHONE_NUMBER_ID_ENV,
        PHONE_NUMBER_ID,
        WhatsAppConfig.ACCESS_TOKEN_ENV,
        accessToken,
        WhatsAppConfig.APP_SECRET_ENV,
        appSecret,
        WhatsAppConfig.VERIFY_TOKEN_ENV,
        "verify-" + random(),
        WhatsAppConfig.FLOW_ENV,
        FLOW,
        WhatsAppConfig.MEDIA_DIR_ENV,
        media.toString(),
        "AISPINE_RESERVATIONS_CSV",
        csv.toString(),
        // a loopback server of one person: its owner deploys and approves the flow in one step
        "AISPINE_FLOW_APPROVAL",
        "self");
  }

  static String millis(long nanos) {
    long ms = nanos / 1_000_000;
    return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static String random() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The demo's two API clients: the server's owner and the front desk (an operator key). */
  private static final class Desk implements AutoCloseable {
    private ChildServer server;
    private String ownerKey;
    private String frontDeskKey;
    private AispineClient owner;
    private AispineClient frontDesk;

    Desk(ChildServer server) {
      this.server = server;
      this.ownerKey = server.adminKey();
      this.owner = client(ownerKey);
    }

    void deploy() throws java.io.IOException {
      owner.deployApprovedFlow(ExamplesDemoCommand.resource("/examples/kyc/kyc_onboarding.yaml"));
      frontDeskKey = owner.createKey("front-desk", "operator", null, null).key();
      frontDesk = client(frontDeskKey);
    }

    /** The webhook the stand-in posts the guests' messages to. */
    void connect(GraphApiStandIn graph) {
      graph.webhook(URI.create("http://127.0.0.1:" + server.port() + "/webhooks/whatsapp"));
    }

    /** New clients for the restarted server (a new port; the keys live in its store). */
    void reconnect(ChildServer restarted) {
      owner.close();
      frontDesk.close();
      server = restarted;
      owner = client(ownerKey);
      frontDesk = client(frontDeskKey);
    }

    @Override
    public void close() {
      owner.close();
      if (frontDesk != null) {
        frontDesk.close();
      }
    }

    private AispineClient client(String key) {
      return AispineClient.builder()
          .baseUrl("http://127.0.0.1:" + server.port())
          .token(key)
          .build();
    }
  }
}
