package io.aispine.server.internal.webhooks;

import io.aispine.agents.outbound.OutboundHttp;
import io.aispine.agents.outbound.OutboundRequest;
import io.aispine.agents.outbound.OutboundResponse;
import io.aispine.server.internal.events.CloudEvents;
import io.aispine.server.internal.http.Json;
import io.aispine.store.AuditActor;
import io.aispine.store.AuditEvent;
import io.aispine.store.AuditLog;
import io.aispine.store.AuditOutcome;
import io.aispine.store.AuditTarget;
import io.aispine.store.WebhookStore;
import io.aispine.store.WebhookStore.Attempt;
import io.aispine.store.WebhookStore.Due;
import io.aispine.store.WebhookStore.Status;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the deliveries the store's outbox holds. One loop thread reads the due ones and hands each
 * to a virtual thread (at most {@code concurrency} at a time); their outcomes are recorded in
 * batches, one transaction each. The engine wakes the loop after every commit ({@link #wake}, which
 * never blocks), so a new event goes out without waiting for a poll; retries wake it by their time.
 * A delivery is at least once: one sent but not yet recorded when the process dies is sent again
 * after the restart, under the same {@code webhook-id}.
 */
public final class WebhookDispatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

  /** The longest the loop sleeps without a signal: retries due by the clock are seen this soon. */
  private static final long IDLE_MILLIS = 250;

  private static final int MAX_RESPONSE_BYTES = 64 * 1024;

  /** How many due deliveries one read takes. */
  private static final int BATCH = 256;

  private final WebhookStore store;
  private final OutboundHttp http;
  private final WebhookSecrets secrets;
  private final AuditLog audit;
  private final InstantSource clock;
  private final RetrySchedule retries;
  private final Duration timeout;
  private final int concurrency;
  private final Semaphore slots;
  private final Semaphore signal = new Semaphore(0);
  // read from the store and not yet recorded: queued here, sending, or sent
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final java.util.ArrayDeque<Due> queue = new java.util.ArrayDeque<>(); // loop thread only
  private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private final Thread loop;
  private volatile boolean closed;

  /** What one attempt did, and to which subscription. */
  private record Outcome(Due due, Attempt attempt) {}

  WebhookDispatcher(
      WebhookStore store,
      OutboundHttp http,
      WebhookSecrets secrets,
      AuditLog audit,
      InstantSource clock,
      RetrySchedule retries,
      Duration timeout,
      int concurrency) {
    this.store = store;
    this.http = http;
    this.secrets = secrets;
    this.audit = audit;
    this.clock = clock;
    this.retries = retries;
    this.timeout = timeout;
    this.concurrency = concurrency;
    this.slots = new Semaphore(concurrency);
    this.loop = Thread.ofPlatform().daemon().name("aispine-webhooks").start(this::run);
  }

  /** The dispatcher of a server: 64 deliveries at a time, 10 s each, retried for 24 h. */
  public static WebhookDispatcher start(
      WebhookStore store,
      OutboundHttp http,
      WebhookSecrets secrets,
      AuditLog audit,
      InstantSource clock) {
    return new WebhookDispatcher(
        store, http, secrets, audit, clock, RetrySchedule.DEFAULT, Duration.ofSeconds(10), 64);
  }

  /** Tells the dispatcher that events (and so maybe deliveries) were committed. Never blocks. */
  public void wake() {
    if (signal.availablePermits() == 0) {
      signal.release();
    }
  }

  private void run() {
    while (!closed) {
      try {
        recordOutcomes();
        boolean launched = launchDue();
        if (!launched) {
          signal.tryAcquire(IDLE_MILLIS, TimeUnit.MILLISECONDS);
          signal.drainPermits();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("sending webhook deliveries failed; trying again", e);
        try {
          Thread.sleep(IDLE_MILLIS);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /**
   * Sends what is due, as far as free slots allow; true when it started any. Due rows are read a
   * batch at a time into {@link #queue} (and marked in flight there, so that the next read skips
   * them): reading per free slot would map the rows in flight again for every delivery.
   */
  private boolean launchDue() {
    if (queue.isEmpty() && slots.availablePermits() > 0) {
      for (Due due : store.due(clock.instant(), BATCH + inFlight.size())) {
        if (inFlight.add(due.delivery().id())) {
          queue.add(due);
        }
      }
    }
    boolean launched = false;
    while (!queue.isEmpty() && slots.tryAcquire()) {
      Due due = queue.poll();
      launched = true;
      Thread.ofVirtual().name("aispine-webhook-delivery").start(() -> deliverAndRelease(due));
    }
    return launched;
  }

  private void deliverAndRelease(Due due) {
    try {
      outcomes.add(new Outcome(due, attempt(due)));
    } finally {
      slots.release();
      wake();
    }
  }

  private void recordOutcomes() {
    List<Outcome> batch = new ArrayList<>();
    for (Outcome next; (next = outcomes.poll()) != null; ) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      store.record(batch.stream().map(Outcome::attempt).toList());
    } finally {
      batch.forEach(o -> inFlight.remove(o.due().delivery().id()));
    }
    for (Outcome outcome : batch) {
      if (outcome.attempt().status() == Status.FAILED) {
        disable(outcome);
      }
    }
  }

  /** One attempt at a delivery, never throwing: what it got is in the answer. */
  private Attempt attempt(Due due) {
    Instant at = clock.instant();
    long started = System.nanoTime();
    Integer code = null;
    String error;
    try {
      Optional<byte[]> body = body(due);
      if (body.isEmpty()) {
        return gaveUp(due, at, "the event no longer exists (its execution was deleted)");
      }
      Optional<String> secret =
          secrets.secret(due.delivery().workspace(), due.delivery().webhookId());
      if (secret.isEmpty()) {
        return gaveUp(due, at, "the webhook's signing secret is missing from the secrets store");
      }
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", "application/cloudevents+json");
      headers.putAll(
          WebhookSignature.of(secret.get())
              .headers(due.delivery().id(), at.getEpochSecond(), body.get()));
      OutboundResponse response =
          http.send(
              new OutboundRequest(
                  "POST",
                  URI.create(due.url()),
                  headers,
                  body.get(),
                  timeout,
                  0,
                  MAX_RESPONSE_BYTES));
      code = response.status();
      if (code >= 200 && code < 300) {
        return new Attempt(
            due.delivery().id(), at, Status.DELIVERED, code, millisSince(started), null, null);
      }
      error = "the receiver answered " + code;
    } catch (IOException | RuntimeException e) {
      error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted: the server is shutting down";
    }
    Instant now = clock.instant();
    Optional<Instant> next =
        retries.next(due.delivery().attempts() + 1, due.delivery().retryFrom(), now);
    return new Attempt(
        due.delivery().id(),
        at,
        next.isPresent() ? Status.PENDING : Status.FAILED,
        code,
        millisSince(started),
        next.isPresent() ? error : error + "; retries gave up after " + retries.window(),
        next.orElse(null));
  }

  private static Attempt gaveUp(Due due, Instant at, String why) {
    return new Attempt(due.delivery().id(), at, Status.FAILED, null, 0, why, null);
  }

  private static Optional<byte[]> body(Due due) {
    if (due.event() != null) {
      return Optional.of(Json.bytes(CloudEvents.of(due.event().event())));
    }
    return Optional.ofNullable(due.payload()).map(p -> p.getBytes(StandardCharsets.UTF_8));
  }

  private static long millisSince(long started) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  /** A delivery gave up: its subscription has kept failing for the whole window. */
  private void disable(Outcome outcome) {
    var delivery = outcome.due().delivery();
    String reason =
        "delivery "
            + delivery.id()
            + " failed for "
            + retries.window()
            + ": "
            + outcome.attempt().error();
    Instant now = clock.instant();
    if (!store.disable(delivery.webhookId(), reason, now)) {
      return;
    }
    // Until the mission inbox exists, the audit log and the server log are where people look.
    log.warn(
        "webhook {} of workspace {} disabled: {}; fix the receiver, then POST"
            + " /api/v1/webhooks/{}/redeliver to send what failed and enable it again",
        delivery.webhookId(),
        delivery.workspace(),
        reason,
        delivery.webhookId());
    try {
      audit.append(
          new AuditEvent(
              now,
              delivery.workspace(),
              new AuditActor(null, null, "webhook-dispatcher"),
              "webhook.disable",
              new AuditTarget("webhook", delivery.webhookId()),
              AuditOutcome.OK,
              "none",
              null));
    } catch (RuntimeException e) {
      log.error(
          "could not append the audit entry of disabling webhook {}", delivery.webhookId(), e);
    }
  }

  /** How many deliveries may be in flight at once. */
  public int concurrency() {
    return concurrency;
  }

  /** Stops sending; what is not recorded is sent again after the next start. */
  @Override
  public void close() {
    closed = true;
    loop.interrupt();
    try {
      loop.join(Duration.ofSeconds(2));
      recordOutcomes();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("recording the last webhook outcomes failed; they are sent again on restart", e);
    }
  }
}
