package io.aispine.server.internal.audit;

import io.aispine.server.internal.auth.BearerAuth;
import io.aispine.store.ApiKey;
import io.aispine.store.AuditActor;
import io.aispine.store.AuditEvent;
import io.aispine.store.AuditLog;
import io.aispine.store.AuditOutcome;
import io.aispine.store.AuditTarget;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every mutating API request and every refused one (401, 403, and 4xx answers to mutations)
 * in the store's {@link AuditLog}. {@link #begin} runs before authentication (it gives the request
 * its {@code X-Request-Id}), {@link #finish} after the handler. A handler wraps the call that makes
 * its change (one store write, or one engine call, which carries the entry to its group commit) in
 * {@link #within}, so the entry is appended in the change's own transaction. {@link #finish}
 * appends, in a transaction of its own, only the entries of requests that changed nothing in the
 * store: refusals (bounded by {@link RefusalBudget}), failures, and the in-memory agent controls.
 */
public final class AuditTrail {

  /** The header carrying the request id, both ways. */
  public static final String REQUEST_ID = "X-Request-Id";

  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
  private static final String ATTRIBUTE = "aispine.audit";
  private static final String HIDDEN = "aispine.audit.hidden";
  private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final AuditLog audit;
  private final InstantSource clock;
  private final RefusalBudget refusals;

  public AuditTrail(AuditLog audit, InstantSource clock) {
    this.audit = audit;
    this.clock = clock;
    this.refusals = new RefusalBudget(clock);
  }

  /** Gives the request its id (the client's {@code X-Request-Id} when sane) and its record. */
  public void begin(Context ctx) {
    String id = ctx.header(REQUEST_ID);
    if (id == null || !SAFE_ID.matcher(id).matches()) {
      byte[] random = new byte[12];
      RANDOM.nextBytes(random);
      id = "req_" + HexFormat.of().formatHex(random);
    }
    ctx.header(REQUEST_ID, id);
    var resolved = AuditActions.resolve(ctx.method().name(), ctx.path());
    ctx.attribute(ATTRIBUTE, new Request(this, id, resolved.action(), resolved.target()));
  }

  /**
   * Runs {@code write}, the one store write or engine call that makes the request's change to
   * {@code target}, so that the audit entry is appended in the transaction that commits the change
   * (for an engine call, its group commit). A null {@code target} leaves it to the write: an
   * execution start or replay names the execution it creates.
   */
  public static <T> T within(Context ctx, AuditTarget target, Supplier<T> write) {
    Request request = ctx.attribute(ATTRIBUTE);
    if (request == null) {
      return write.get();
    }
    if (target != null) {
      request.target = target;
    }
    request.pending = new AuditLog.Pending(request.trail.event(ctx, request, AuditOutcome.OK));
    return request.trail.audit.appendWithin(request.pending, write);
  }

  /** {@link #within} for a write without a result. */
  public static void within(Context ctx, AuditTarget target, Runnable write) {
    within(
        ctx,
        target,
        () -> {
          write.run();
          return null;
        });
  }

  /** Appends the request's entry unless it was appended with its change, or needs none. */
  public void finish(Context ctx) {
    Request request = ctx.attribute(ATTRIBUTE);
    if (request == null || (request.pending != null && request.pending.entry() != null)) {
      return;
    }
    int status = ctx.statusCode();
    boolean mutating = MUTATING.contains(ctx.method().name());
    boolean refusedByAuthorization =
        status == 401 || status == 403 || (status == 404 && ctx.attribute(HIDDEN) != null);
    if (!mutating && !refusedByAuthorization) {
      return;
    }
    AuditOutcome outcome = AuditOutcome.ofStatus(status);
    try {
      if (ctx.attribute(BearerAuth.KEY_ATTRIBUTE) == null && status >= 400 && status < 500) {
        RefusalBudget.Decision budget = refusals.take();
        if (budget.dropped() != null) {
          audit.append(dropped(budget.dropped()));
        }
        if (!budget.record()) {
          return;
        }
      }
      audit.append(event(ctx, request, outcome));
    } catch (RuntimeException e) {
      // The change (if any) is committed; a lost entry is logged loudly rather than turning a
      // done change into an error the client would retry.
      log.error(
          "could not append the audit entry of request {} ({} {} -> {})",
          request.id,
          request.action,
          request.target,
          status,
          e);
    }
  }

  /** The entry that counts the unauthenticated refusals a window left out. */
  private static AuditEvent dropped(RefusalBudget.Dropped dropped) {
    return new AuditEvent(
        dropped.until(),
        AuditEvent.DEFAULT_WORKSPACE,
        AuditActor.anonymous(null),
        "audit.refusals_unrecorded",
        new AuditTarget("unauthenticated_refusals", dropped.count() + " since " + dropped.from()),
        AuditOutcome.ofStatus(401),
        "none",
        null);
  }

  /**
   * Marks a request refused because its key may not see what it names (a {@code 404} that hides an
   * object of another workspace), so that it is recorded like a 401 or 403 even when it reads.
   */
  public static void refusedByAuthorization(Context ctx) {
    ctx.attribute(HIDDEN, Boolean.TRUE);
  }

  private AuditEvent event(Context ctx, Request request, AuditOutcome outcome) {
    ApiKey key = ctx.attribute(BearerAuth.KEY_ATTRIBUTE);
    var actor =
        key == null
            ? AuditActor.anonymous(ctx.ip())
            : new AuditActor(key.id(), key.role(), ctx.ip());
    return new AuditEvent(
        clock.instant(),
        key == null ? AuditEvent.DEFAULT_WORKSPACE : key.workspace(),
        actor,
        request.action,
        request.target,
        outcome,
        request.id,
        null);
  }

  /** What is known of one request's audit entry while it is handled. */
  private static final class Request {
    final AuditTrail trail;
    final String id;
    final String action;
    AuditTarget target;
    AuditLog.Pending pending;

    Request(AuditTrail trail, String id, String action, AuditTarget target) {
      this.trail = trail;
      this.id = id;
      this.action = action;
      this.target = target;
    }
  }
}
