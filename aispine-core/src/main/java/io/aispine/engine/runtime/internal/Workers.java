package io.aispine.engine.runtime.internal;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResolver;
import io.aispine.agent.AgentResult;
import io.aispine.agent.AgentUnavailableException;
import io.aispine.engine.PayloadLimit;
import io.aispine.engine.decider.Decider;
import io.aispine.engine.decider.Decision;
import io.aispine.engine.decider.Fact;
import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.NodeRun;
import io.aispine.execution.Usage;
import io.aispine.log.ExecutionTrace;
import io.aispine.log.LogContext;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs node attempts, one virtual thread each: claim the attempt (and wait until the claim is
 * committed) unless the committer claimed it in the commit that scheduled it, call the agent under
 * the node's timeout, report the outcome with the lease. Agent calls never run on the committer
 * thread.
 */
public final class Workers {

  private static final Logger log = LoggerFactory.getLogger(Workers.class);

  /** Why an attempt's thread was interrupted, when the engine did it. */
  private enum Stop {
    NONE,
    TIMEOUT,
    CANCEL,
    SHUTDOWN
  }

  private static final class Attempt {
    final Command.RunTask run;
    volatile Thread thread;
    volatile Stop stop = Stop.NONE;

    Attempt(Command.RunTask run) {
      this.run = run;
    }

    synchronized void interrupt(Stop why) {
      if (stop == Stop.NONE) {
        stop = why;
      }
      Thread t = thread;
      if (t != null) {
        t.interrupt();
      }
    }
  }

  /** How long interrupted attempts get, all together, to end when the engine closes. */
  private static final Duration INTERRUPTED_PATIENCE = Duration.ofSeconds(1);

  private final Function<Fact, Optional<Decision>> submit;
  private final AgentResolver agents;
  private final InstantSource clock;
  private final String workerName;
  private final PayloadLimit payloadLimit;
  private final Map<String, Attempt> running = new ConcurrentHashMap<>();
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("aispine-timeouts").daemon().factory());
  private volatile boolean closed;

  /**
   * @param submit submits a fact and waits for its commit; empty when the engine is closing or the
   *     execution is gone
   * @param payloadLimit the most an attempt's output may weigh; a larger one fails the node
   */
  public Workers(
      Function<Fact, Optional<Decision>> submit,
      AgentResolver agents,
      InstantSource clock,
      String workerName,
      PayloadLimit payloadLimit) {
    this.submit = submit;
    this.agents = agents;
    this.clock = clock;
    this.workerName = workerName;
    this.payloadLimit = payloadLimit;
  }

  /**
   * Starts a virtual thread for an attempt; ignored once the engine is closing.
   *
   * @param claimed true when the attempt's claim is committed already, so the agent is called at
   *     once; else the worker claims it first
   */
  public void dispatch(String executionId, String flowRef, Command.RunTask run, boolean claimed) {
    if (closed) {
      return; // the task stays in the store and runs after the next start
    }
    var attempt = new Attempt(run);
    String key = key(executionId, run.path());
    running.put(key, attempt);
    Thread thread =
        Thread.ofVirtual()
            .name("aispine-" + key + "#" + run.attempt())
            .unstarted(
                () -> {
                  // every line logged for this attempt, the agent's included, names it; the
                  // thread is the attempt's own, and the ids go with it
                  try (var ids =
                      LogContext.set(
                          LogContext.EXECUTION_ID,
                          executionId,
                          LogContext.NODE_PATH,
                          run.path(),
                          LogContext.FLOW,
                          flowRef,
                          LogContext.TRACE_ID,
                          ExecutionTrace.traceId(executionId))) {
                    execute(executionId, flowRef, attempt, claimed);
                  } finally {
                    running.remove(key, attempt);
                  }
                });
    attempt.thread = thread;
    thread.start();
  }

  /** Interrupts the attempt running for a node that was cancelled; it reports nothing. */
  public void cancel(String executionId, String path) {
    Attempt attempt = running.get(key(executionId, path));
    if (attempt != null) {
      attempt.interrupt(Stop.CANCEL);
    }
  }

  /** How many attempts are running. */
  public int active() {
    return running.size();
  }

  /**
   * Stops dispatching and waits up to {@code grace} for running attempts, then interrupts them and
   * gives them one more second in all. An agent that ignores interrupts is left behind: its thread
   * is virtual and keeps no process alive, and its attempt runs again after the next start.
   */
  public void close(Duration grace) throws InterruptedException {
    closed = true;
    // a subflow attempt only waits for its child, which resumes with it on the next start
    running.values().stream()
        .filter(a -> Decider.SUBFLOW_AGENT.equals(a.run.agent()))
        .forEach(a -> a.interrupt(Stop.SHUTDOWN));
    long deadline = System.nanoTime() + grace.toNanos();
    while (!running.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    // an interrupted attempt reports nothing; it stays RUNNING and its lease expires on restart
    running.values().forEach(a -> a.interrupt(Stop.SHUTDOWN));
    long joinDeadline = System.nanoTime() + INTERRUPTED_PATIENCE.toNanos();
    for (Attempt attempt : running.values()) {
      Thread t = attempt.thread;
      long left = joinDeadline - System.nanoTime();
      if (t != null && left > 0) {
        t.join(Duration.ofNanos(left));
      }
    }
    if (!running.isEmpty()) {
      log.warn(
          "{} attempts did not stop when interrupted; they run again after the next start",
          running.size());
    }
    watchdog.shutdownNow();
  }

  private void execute(String executionId, String flowRef, Attempt attempt, boolean claimed) {
    Command.RunTask run = attempt.run;
    if (!claimed) {
      var claim =
          new Fact.NodeStarted(
              executionId, run.path(), run.attempt(), run.lease(), clock.instant());
      Optional<Decision> decided = submit.apply(claim);
      if (decided.isEmpty() || decided.get().isRejected()) {
        return; // stale delivery, cancelled meanwhile, or closing: someone else owns the outcome
      }
    }
    long started = System.nanoTime();
    Fact outcome;
    try {
      outcome = call(executionId, flowRef, attempt, started);
    } catch (Throwable e) {
      // whatever goes wrong here, the node must not be left running with nobody to report it
      log.error("attempt {}/{} failed outside its agent", executionId, run.path(), e);
      outcome =
          failed(
              executionId,
              run,
              started,
              ErrorInfo.permanent(
                  Aborts.ENGINE_ERROR, "the attempt could not be run: " + Aborts.describe(e)));
    }
    if (outcome != null) {
      Thread.interrupted(); // a late interrupt must not break the report
      submit.apply(outcome);
    }
  }

  private Fact call(String executionId, String flowRef, Attempt attempt, long started) {
    Command.RunTask run = attempt.run;
    Optional<Agent> agent = agents.resolve(run.agent());
    if (agent.isEmpty()) {
      return failed(
          executionId,
          run,
          started,
          ErrorInfo.permanent("AGENT_NOT_FOUND", "no agent matches '" + run.agent() + "'"));
    }
    var call =
        new AgentCall(
            executionId,
            run.path(),
            run.attempt(),
            NodeRun.idempotencyKey(executionId, run.path(), run.attempt()),
            run.action(),
            run.input(),
            Map.of(
                "flow",
                flowRef,
                "worker",
                workerName,
                "traceparent",
                ExecutionTrace.traceparent(executionId)),
            run.timeout());
    ScheduledFuture<?> timer = null;
    if (run.timeout() != null) {
      timer =
          watchdog.schedule(
              () -> attempt.interrupt(Stop.TIMEOUT), run.timeout().toNanos(), TimeUnit.NANOSECONDS);
    }
    AgentResult result;
    String servedBy = null;
    try {
      try {
        result = agent.get().execute(call);
      } catch (AgentUnavailableException e) {
        // a busy agent (held back by a limit) keeps its node; an unavailable one (circuit open,
        // drained) hands the attempt to the node's fallback
        Optional<Agent> fallback =
            run.fallback() == null || e.heldByLimit()
                ? Optional.empty()
                : agents.resolve(run.fallback());
        if (fallback.isEmpty()) {
          throw e;
        }
        servedBy = run.fallback();
        try {
          result = fallback.get().execute(call);
        } catch (AgentUnavailableException alsoOut) {
          // both are out: wait for whichever of the two may take the call first
          throw alsoOut.retryAt().isBefore(e.retryAt()) ? alsoOut : e;
        }
      }
    } catch (AgentUnavailableException e) {
      if (timer != null) {
        timer.cancel(false);
      }
      return attempt.stop == Stop.NONE ? deferred(executionId, run, e) : null;
    } catch (AgentException e) {
      result = AgentResult.failure(e.toErrorInfo());
    } catch (InterruptedException e) {
      result = null;
    } catch (RuntimeException e) {
      log.debug("agent {} crashed on {}/{}", run.agent(), executionId, run.path(), e);
      result = AgentResult.failure(ErrorInfo.retryable("AGENT_CRASHED", Aborts.describe(e)));
    } catch (Error e) {
      // a stack overflow, out of memory, a class that fails to load: calling again would only
      // do it again, so the node fails for good
      log.warn("agent {} threw {} on {}/{}", run.agent(), e, executionId, run.path(), e);
      result = AgentResult.failure(ErrorInfo.permanent("AGENT_CRASHED", Aborts.describe(e)));
    } finally {
      if (timer != null) {
        timer.cancel(false);
      }
    }
    return switch (attempt.stop) {
      case CANCEL, SHUTDOWN -> null;
      // a result that arrives after the deadline still counts as a timeout: the deadline is the
      // rule
      case TIMEOUT ->
          failed(
              executionId,
              run,
              started,
              ErrorInfo.retryable(
                  "TIMEOUT", "node '" + run.path() + "' did not finish within " + run.timeout()));
      case NONE -> outcome(executionId, run, started, result, servedBy);
    };
  }

  private Fact outcome(
      String executionId, Command.RunTask run, long started, AgentResult result, String servedBy) {
    return switch (result) {
      case null ->
          failed(
              executionId,
              run,
              started,
              ErrorInfo.retryable("AGENT_CRASHED", "the agent was interrupted or returned nothing"),
              servedBy);
      case AgentResult.Success success -> succeeded(executionId, run, started, success, servedBy);
      case AgentResult.Failure failure ->
          failed(executionId, run, started, failure.error(), servedBy);
    };
  }

  /**
   * The success of an attempt, or its permanent failure when the output may not be stored: larger
   * than the payload limit, or not JSON. Measured here, on the attempt's own thread, so that the
   * commit every execution shares never meets such a value.
   */
  private Fact succeeded(
      String executionId,
      Command.RunTask run,
      long started,
      AgentResult.Success success,
      String servedBy) {
    Optional<ErrorInfo> refused =
        payloadLimit.check(
            success.output(), PayloadLimit.Kind.OUTPUT, "node '" + run.path() + "' output");
    if (refused.isPresent()) {
      return failed(executionId, run, started, refused.get(), servedBy);
    }
    return new Fact.NodeSucceeded(
        executionId,
        run.path(),
        run.attempt(),
        run.lease(),
        clock.instant(),
        success.output(),
        success.usage() == null ? Usage.NONE : success.usage(),
        elapsed(started),
        servedBy);
  }

  private Fact deferred(String executionId, Command.RunTask run, AgentUnavailableException e) {
    Instant now = clock.instant();
    Instant until = e.retryAt().isAfter(now) ? e.retryAt() : now;
    return new Fact.NodeDeferred(
        executionId, run.path(), run.attempt(), run.lease(), now, until, e.code());
  }

  private Fact failed(String executionId, Command.RunTask run, long started, ErrorInfo error) {
    return failed(executionId, run, started, error, null);
  }

  private Fact failed(
      String executionId, Command.RunTask run, long started, ErrorInfo error, String servedBy) {
    return new Fact.NodeFailed(
        executionId,
        run.path(),
        run.attempt(),
        run.lease(),
        clock.instant(),
        error,
        elapsed(started),
        servedBy);
  }

  private static Duration elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  static String key(String executionId, String path) {
    return executionId + "/" + path;
  }
}
