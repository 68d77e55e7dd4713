package io.aispine.server.internal.events;

import io.aispine.execution.ExecutionEvent;
import io.aispine.store.StoredEvent;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One stream client's place in the {@link EventFeed}: a bounded queue of the events it wants. The
 * feed never waits for it; a client that falls {@code capacity} events behind is dropped.
 */
public final class Subscription implements AutoCloseable {

  /** What {@link #next} returns when the stream must end: feed closed or client dropped. */
  public static final StoredEvent END =
      new StoredEvent(-1, new ExecutionEvent("", 0, null, null, 0, null, null));

  private final EventFeed feed;
  private final Predicate<ExecutionEvent> filter;
  private final long startPosition;
  private final int capacity;
  // one slot more than the capacity, so that END always fits
  private final BlockingQueue<Object> queue;
  private final String deltasOf;
  private volatile boolean overflowed;

  Subscription(
      EventFeed feed,
      Predicate<ExecutionEvent> filter,
      String deltasOf,
      long startPosition,
      int capacity) {
    this.feed = feed;
    this.deltasOf = deltasOf;
    this.filter = filter;
    this.startPosition = startPosition;
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity + 1);
  }

  /** The feed's position when this subscription began: it receives every later event. */
  public long startPosition() {
    return startPosition;
  }

  /** True when the client fell too far behind and was dropped. */
  public boolean overflowed() {
    return overflowed;
  }

  /**
   * The next event, {@link #END} when the stream must end, or null when none came within {@code
   * timeoutMillis}; {@link OutputDelta}s are passed over (see {@link #nextItem}).
   */
  public StoredEvent next(long timeoutMillis) throws InterruptedException {
    while (true) {
      Object item = nextItem(timeoutMillis);
      if (!(item instanceof OutputDelta)) {
        return (StoredEvent) item;
      }
    }
  }

  /**
   * The next stored event or {@link OutputDelta}, {@link #END} when the stream must end, or null
   * when none came within {@code timeoutMillis}.
   */
  public Object nextItem(long timeoutMillis) throws InterruptedException {
    if (overflowed) {
      return END;
    }
    return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** Called by the feed, one thread at a time; false when the client overflowed. */
  boolean offer(StoredEvent event) {
    if (!filter.test(event.event())) {
      return true;
    }
    if (queue.size() >= capacity) {
      overflowed = true;
      queue.offer(END);
      return false;
    }
    queue.offer(event);
    return true;
  }

  /**
   * Called by the feed for a piece of output of a running node: queued when this client follows
   * that execution; a client too far behind misses it (it is not stored) and is not dropped.
   */
  void offerDelta(OutputDelta delta) {
    if (delta.executionId().equals(deltasOf) && queue.size() < capacity) {
      queue.offer(delta);
    }
  }

  /** Ends the stream: the client reads {@link #END} after what it already has. */
  void end() {
    queue.offer(END);
  }

  @Override
  public void close() {
    feed.unsubscribe(this);
  }
}
