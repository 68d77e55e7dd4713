package io.aispine.server.internal.events;

import io.aispine.execution.ExecutionEvent;
import io.aispine.store.ExecutionStore;
import io.aispine.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans committed events out to stream clients in global position order. The engine only signals
 * "something was committed" ({@link #wake()}, which never blocks); one reader thread then reads the
 * new events from the store and offers them to each client's bounded queue. Reading from the store,
 * not from the signal, is what makes every client see every event exactly once and in order,
 * whatever the engine batches.
 */
public final class EventFeed implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventFeed.class);

  /** Events a client may fall behind before it is dropped. */
  public static final int CLIENT_QUEUE = 1024;

  private static final int BATCH = 500;
  // A safety net: even without a signal, clients see new events within this time.
  private static final long IDLE_POLL_MILLIS = 1000;

  private final ExecutionStore store;
  private final int clientQueue;
  private final Object lock = new Object();
  private final List<Subscription> subscriptions = new ArrayList<>(); // guarded by lock
  private long position; // guarded by lock: the last position offered to clients
  private final Semaphore signal = new Semaphore(0);
  private final Thread reader;
  private volatile boolean closed;

  public EventFeed(ExecutionStore store) {
    this(store, CLIENT_QUEUE);
  }

  EventFeed(ExecutionStore store, int clientQueue) {
    this.store = store;
    this.clientQueue = clientQueue;
    this.reader = Thread.ofPlatform().daemon().name("aispine-event-feed").start(this::run);
  }

  /** Tells the feed that events were committed. Never blocks; safe on engine threads. */
  public void wake() {
    if (signal.availablePermits() == 0) {
      signal.release();
    }
  }

  /**
   * Subscribes to every event committed from now on that {@code filter} accepts; the subscription's
   * {@link Subscription#startPosition()} says where "now" is.
   */
  public Subscription subscribe(Predicate<ExecutionEvent> filter) {
    return subscribe(filter, null);
  }

  /**
   * Subscribes as {@link #subscribe(Predicate)} does, and to the {@link OutputDelta}s of execution
   * {@code deltasOf} (none when null).
   */
  public Subscription subscribe(Predicate<ExecutionEvent> filter, String deltasOf) {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the server is shutting down");
      }
      if (subscriptions.isEmpty()) {
        // nobody listened, so the feed did not read: start from what is committed now
        position = Math.max(position, store.lastEventPosition());
      }
      var subscription = new Subscription(this, filter, deltasOf, position, clientQueue);
      subscriptions.add(subscription);
      return subscription;
    }
  }

  /** Hands a piece of a running node's output to the clients following its execution now. */
  public void publish(OutputDelta delta) {
    synchronized (lock) {
      for (Subscription subscription : subscriptions) {
        subscription.offerDelta(delta);
      }
    }
  }

  /** How many clients are subscribed. */
  public int clients() {
    synchronized (lock) {
      return subscriptions.size();
    }
  }

  void unsubscribe(Subscription subscription) {
    synchronized (lock) {
      subscriptions.remove(subscription);
    }
  }

  private void run() {
    while (!closed) {
      try {
        signal.tryAcquire(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        signal.drainPermits();
        if (clients() > 0) {
          readNewEvents();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("reading new events for stream clients failed; retrying", e);
        sleepQuietly();
      }
    }
  }

  private void readNewEvents() {
    long from;
    synchronized (lock) {
      from = position;
    }
    while (!closed) {
      List<StoredEvent> batch = store.eventsAfterPosition(from, BATCH);
      synchronized (lock) {
        for (StoredEvent event : batch) {
          if (event.position() <= position) {
            continue; // a subscriber that arrived meanwhile moved the start past it
          }
          position = event.position();
          subscriptions.removeIf(s -> !offerOrDrop(s, event));
        }
        from = position;
      }
      if (batch.size() < BATCH) {
        return;
      }
    }
  }

  private boolean offerOrDrop(Subscription subscription, StoredEvent event) {
    if (subscription.offer(event)) {
      return true;
    }
    log.warn(
        "dropping a slow event stream client: it fell {} events behind; it can reconnect with"
            + " Last-Event-ID and lose nothing",
        clientQueue);
    return false;
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(IDLE_POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ends every stream and stops reading. */
  @Override
  public void close() {
    closed = true;
    reader.interrupt();
    synchronized (lock) {
      subscriptions.forEach(Subscription::end);
      subscriptions.clear();
    }
  }
}
