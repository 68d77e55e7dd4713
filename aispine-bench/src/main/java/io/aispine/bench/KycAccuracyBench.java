package io.aispine.bench;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentProvider;
import io.aispine.agent.AgentResult;
import io.aispine.kyc.mrz.MrzData;
import io.aispine.kyc.synth.GuestKind;
import io.aispine.kyc.synth.SyntheticGuest;
import io.aispine.kyc.synth.SyntheticGuests;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Accuracy of the KYC agents over generated ID photos: every guest's photo through the {@code ocr}
 * agent, then its fields and booking through {@code kyc-match}; counts the fields read exactly, the
 * verdicts the pipeline reaches, and the expired or mismatched documents it would have accepted.
 *
 * <p>{@code aispine-bench/run kyc [--documents 216] [--seed 2026] [--threads 2]}: each thread has
 * its own agents (and so its own Tesseract handles); a summary is printed every 24 documents.
 */
public final class KycAccuracyBench {

  private static final List<String> FIELDS =
      List.of(
          "surname",
          "given_names",
          "document_number",
          "birth_date",
          "expiry_date",
          "nationality",
          "sex");

  private KycAccuracyBench() {}

  private static final Map<GuestKind, int[]> perKind = new EnumMap<>(GuestKind.class);
  private static int fieldsRight;
  private static int fieldsTotal;
  private static int dangerous;
  private static int done;
  private static final List<Long> pageMillis = new ArrayList<>();
  private static final List<String> wrong = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    int documents = option(args, "--documents", 216);
    long seed = option(args, "--seed", 2026);
    int threads = option(args, "--threads", Runtime.getRuntime().availableProcessors());
    SyntheticGuests generator = new SyntheticGuests(seed);
    long started = System.nanoTime();
    var next = new java.util.concurrent.atomic.AtomicInteger();
    var workers = new ArrayList<Thread>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    Map<String, Agent> agents = new HashMap<>();
                    for (AgentProvider p : ServiceLoader.load(AgentProvider.class)) {
                      agents.put(p.name(), p.create());
                    }
                    for (int i = next.getAndIncrement();
                        i < documents;
                        i = next.getAndIncrement()) {
                      try {
                        evaluate(
                            generator, i, agents.get("ocr"), agents.get("kyc-match"), documents);
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                    }
                  }));
    }
    for (Thread w : workers) {
      w.join();
    }
    report(documents, seed, (System.nanoTime() - started) / 1e9);
    System.exit(0);
  }

  private static void evaluate(
      SyntheticGuests generator, int i, Agent ocr, Agent match, int documents) throws Exception {
    GuestKind kind = GuestKind.values()[i % GuestKind.values().length];
    SyntheticGuest guest = generator.guest(i, kind);
    String verdict;
    Map<String, Object> read = null;
    try {
      read =
          output(
              ocr,
              Map.of(
                  "media_base64",
                  Base64.getEncoder().encodeToString(guest.image()),
                  "mime_type",
                  guest.mimeType()));
      @SuppressWarnings("unchecked")
      List<Long> millis = (List<Long>) read.get("ocr_ms_per_page");
      synchronized (KycAccuracyBench.class) {
        pageMillis.addAll(millis);
      }
      if (!Boolean.TRUE.equals(read.get("readable"))) {
        verdict = "unreadable";
      } else {
        var matched =
            output(match, Map.of("document", read, "reservation", guest.reservation().toOutput()));
        verdict = (String) matched.get("verdict");
      }
    } catch (AgentException e) {
      verdict = e.code().equals("NOT_A_DOCUMENT") ? "not_a_document" : "error " + e.code();
    }
    synchronized (KycAccuracyBench.class) {
      int[] tally = perKind.computeIfAbsent(kind, k -> new int[2]);
      tally[1]++;
      if (verdict.equals(kind.expected())) {
        tally[0]++;
      } else {
        wrong.add(guest.id() + " " + kind + " " + guest.document().format() + ": " + verdict);
      }
      if (kind.expected().equals("mismatch") && verdict.equals("match")) {
        dangerous++;
      }
      if (kind != GuestKind.UNREADABLE && kind != GuestKind.NOT_A_DOCUMENT) {
        Map<String, String> truth = truth(guest.document());
        @SuppressWarnings("unchecked")
        Map<String, Object> fields =
            read == null ? Map.of() : (Map<String, Object>) read.getOrDefault("fields", Map.of());
        for (String f : FIELDS) {
          fieldsTotal++;
          if (truth.get(f).equals(fields.get(f))) {
            fieldsRight++;
          }
        }
      }
      done++;
      if (done % 24 == 0) {
        System.err.printf("%d/%d documents%n", done, documents);
        report(done, -1, 0);
      }
    }
  }

  private static synchronized void report(int documents, long seed, double seconds) {
    int right = perKind.values().stream().mapToInt(t -> t[0]).sum();
    List<Long> pageMillis = new ArrayList<>(KycAccuracyBench.pageMillis);
    Collections.sort(pageMillis);
    System.out.printf("documents: %d (seed %d), %.0f s wall%n", documents, seed, seconds);
    System.out.printf(
        "MRZ fields exactly right: %d / %d = %.2f %%%n",
        fieldsRight, fieldsTotal, 100.0 * fieldsRight / fieldsTotal);
    System.out.printf(
        "verdicts right: %d / %d = %.2f %%%n", right, documents, 100.0 * right / documents);
    System.out.printf("expired or mismatched documents accepted: %d%n", dangerous);
    perKind.forEach(
        (k, t) ->
            System.out.printf(
                "  %-20s %d / %d right (expected %s)%n", k, t[0], t[1], k.expected()));
    if (!pageMillis.isEmpty()) {
      System.out.printf(
          "OCR time per page: p50 %d ms, p95 %d ms, max %d ms (%d pages)%n",
          pageMillis.get(pageMillis.size() / 2),
          pageMillis.get(
              (int) Math.min(pageMillis.size() - 1, Math.ceil(pageMillis.size() * 0.95) - 1)),
          pageMillis.getLast(),
          pageMillis.size());
    }
    System.out.println("wrong verdicts:");
    wrong.forEach(w -> System.out.println("  " + w));
    System.out.flush();
  }

  private static Map<String, String> truth(MrzData d) {
    var t = new LinkedHashMap<String, String>();
    t.put("surname", d.surname());
    t.put("given_names", d.givenNames());
    t.put("document_number", d.documentNumber());
    t.put("birth_date", d.birthDate().toString());
    t.put("expiry_date", d.expiryDate().toString());
    t.put("nationality", d.nationality());
    t.put("sex", d.sex());
    return t;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> output(Agent agent, Map<String, Object> input)
      throws Exception {
    AgentResult result =
        agent.execute(new AgentCall("bench", "kyc", 1, "bench/kyc/1", null, input, Map.of(), null));
    return switch (result) {
      case AgentResult.Success s -> (Map<String, Object>) s.output();
      case AgentResult.Failure f ->
          throw new AgentException.Permanent(f.error().code(), f.error().message());
    };
  }

  private static int option(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
