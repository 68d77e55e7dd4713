package io.aispine.sdk;

import io.aispine.sdk.internal.HttpTransport;
import io.aispine.sdk.internal.SseMessage;
import io.aispine.sdk.internal.SseParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A live subscription to a server-sent event stream. It delivers each event once, in order, on its
 * own thread; when the connection drops it reconnects with {@code Last-Event-ID} so that nothing is
 * missed or repeated. An execution's stream ends after the execution's terminal event; the global
 * stream runs until {@link #close()}. The first connection fails fast; later drops are retried per
 * the {@link ReconnectPolicy}.
 */
public final class EventStream implements AutoCloseable {

  private final HttpTransport transport;
  private final String path;
  private final boolean endsAtTerminalEvent;
  private final Consumer<StreamEvent> consumer;
  private final ReconnectPolicy policy;
  private final Duration idleTimeout;
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread reader;
  private final Thread watchdog;

  private volatile String lastEventId;
  private volatile boolean closed;
  private volatile boolean connected;
  private volatile long lastActivityNanos = System.nanoTime();
  private volatile RuntimeException failure;
  private volatile int reconnects;
  // Touched by the reader thread only.
  private int delivered;
  private boolean finished;

  EventStream(
      HttpTransport transport,
      String path,
      String lastEventId,
      boolean endsAtTerminalEvent,
      Consumer<StreamEvent> consumer,
      ReconnectPolicy policy,
      Duration idleTimeout) {
    this.transport = transport;
    this.path = path;
    this.lastEventId = lastEventId;
    this.endsAtTerminalEvent = endsAtTerminalEvent;
    this.consumer = consumer;
    this.policy = policy;
    this.idleTimeout = idleTimeout;
    this.reader = Thread.ofVirtual().name("aispine-sse " + path).unstarted(this::run);
    this.watchdog = Thread.ofVirtual().name("aispine-sse-watchdog " + path).unstarted(this::watch);
  }

  EventStream start() {
    reader.start();
    watchdog.start();
    return this;
  }

  /** The id of the last event delivered: pass it to a new stream to resume after it. */
  public String lastEventId() {
    return lastEventId;
  }

  /** How many times the stream reconnected after a dropped connection. */
  public int reconnects() {
    return reconnects;
  }

  /** True until the stream ended, failed or was closed. */
  public boolean isOpen() {
    return done.getCount() > 0;
  }

  /**
   * Waits until the stream ends: after the terminal event of an execution stream, on {@link
   * #close()}, or on a failure, which is rethrown here (an {@link AispineException}, or what the
   * consumer threw).
   */
  public void await() throws InterruptedException {
    done.await();
    rethrow();
  }

  /** Like {@link #await()}, for at most {@code timeout}; false when the stream is still open. */
  public boolean await(Duration timeout) throws InterruptedException {
    boolean ended = done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (ended) {
      rethrow();
    }
    return ended;
  }

  /** Stops the stream; no event is delivered after this returns on the consumer's own thread. */
  @Override
  public void close() {
    closed = true;
    reader.interrupt();
    watchdog.interrupt();
  }

  private void rethrow() {
    if (failure != null) {
      throw failure;
    }
  }

  private void run() {
    int failures = 0;
    long downSinceNanos = 0;
    boolean everConnected = false;
    Long serverRetry = null;
    try {
      while (!closed) {
        var parser = new SseParser(this::deliver, lastEventId);
        try {
          lastActivityNanos = System.nanoTime();
          HttpResponse<Stream<String>> response = transport.openStream(path, lastEventId);
          connected = true;
          everConnected = true;
          try (Stream<String> lines = response.body()) {
            var it = lines.iterator();
            while (it.hasNext() && !closed) {
              lastActivityNanos = System.nanoTime();
              int before = delivered;
              parser.line(it.next());
              if (delivered > before) {
                failures = 0; // the connection works: the next drop starts from the first delay
                downSinceNanos = 0;
              }
              if (finished) {
                return;
              }
            }
          }
          serverRetry = parser.retryMillis();
        } catch (AispineApiException e) {
          if (!transient_(e.status())) {
            failure = e; // 401, 404 …: reconnecting cannot help
            return;
          }
        } catch (IOException | UncheckedIOException e) {
          if (!everConnected && !closed) {
            failure = transport.connectionFailure("GET", path, unwrap(e));
            return;
          }
        } catch (InterruptedException e) {
          // close() or the watchdog; the loop condition tells which
        } catch (RuntimeException e) {
          failure = e; // the consumer threw: stop, and let await() report it
          return;
        } finally {
          connected = false;
          serverRetry = parser.retryMillis() != null ? parser.retryMillis() : serverRetry;
        }
        if (closed) {
          return;
        }
        Thread.interrupted(); // a watchdog interrupt is spent: it only meant "reconnect"
        if (downSinceNanos == 0) {
          downSinceNanos = System.nanoTime();
        } else if (System.nanoTime() - downSinceNanos > policy.giveUpAfter().toNanos()) {
          failure =
              new AispineConnectionException(
                  transport.base(),
                  "lost the event stream "
                      + path
                      + " of "
                      + transport.base()
                      + " for over "
                      + policy.giveUpAfter().toSeconds()
                      + " s; resume with Last-Event-ID "
                      + lastEventId,
                  null);
          return;
        }
        failures++;
        Duration first =
            serverRetry != null
                ? Duration.ofMillis(Math.max(1, serverRetry))
                : policy.initialDelay();
        if (!sleep(jitter(policy.delay(failures, first)))) {
          return;
        }
        reconnects++;
      }
    } finally {
      watchdog.interrupt();
      done.countDown();
    }
  }

  private void deliver(SseMessage message) {
    if (closed) {
      return;
    }
    StreamEvent event = StreamEvent.parse(message.id(), message.event(), message.data());
    consumer.accept(event);
    lastEventId = message.id();
    delivered++;
    if (endsAtTerminalEvent && event.terminal()) {
      finished = true;
    }
  }

  /** Interrupts a connection that has been silent for longer than the idle timeout. */
  private void watch() {
    long checkEvery = Math.max(50, idleTimeout.toMillis() / 4);
    while (!closed && isOpen()) {
      if (!sleep(Duration.ofMillis(checkEvery))) {
        return;
      }
      boolean silent = System.nanoTime() - lastActivityNanos > idleTimeout.toNanos();
      if (connected && silent && !closed) {
        lastActivityNanos = System.nanoTime();
        reader.interrupt(); // the reader treats it as a dropped connection and resumes
      }
    }
  }

  private static boolean transient_(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  private static Exception unwrap(Exception e) {
    return e instanceof UncheckedIOException u ? u.getCause() : e;
  }

  private static Duration jitter(Duration delay) {
    long ms = delay.toMillis();
    // Up to a quarter less, so that many clients of a restarted server do not reconnect in step.
    return Duration.ofMillis(ms - ThreadLocalRandom.current().nextLong(ms / 4 + 1));
  }

  private static boolean sleep(Duration d) {
    try {
      Thread.sleep(d);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }
}
