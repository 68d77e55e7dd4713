package io.aispine.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Outbound webhook subscriptions and their deliveries. The store queues a delivery for every
 * enabled subscription whose patterns match an event, in the transaction that commits the event (an
 * outbox), so no committed event is ever left without its deliveries.
 */
public interface WebhookStore {

  /**
   * A subscription of a workspace.
   *
   * @param eventTypes glob patterns over event types ({@code node.*}, {@code execution.failed}, *)
   * @param disabledReason why it was disabled, or null while it is enabled
   */
  record Subscription(
      String id,
      String workspace,
      String url,
      List<String> eventTypes,
      String description,
      boolean enabled,
      String disabledReason,
      Instant disabledAt,
      Instant createdAt) {

    public Subscription {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(workspace, "workspace");
      Objects.requireNonNull(url, "url");
      eventTypes = List.copyOf(eventTypes);
      Objects.requireNonNull(createdAt, "createdAt");
    }
  }

  /** Where a delivery stands. */
  enum Status {
    /** Waiting for its first or next attempt. */
    PENDING,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Retries gave up (or the subscription was disabled); redelivering makes it pending again. */
    FAILED
  }

  /**
   * One delivery of one event to one subscription, with what its last attempt got.
   *
   * @param id the {@code webhook-id}: the same for every attempt
   * @param eventPosition the event's position in the global stream, or 0 for a test delivery
   * @param responseCode the last attempt's HTTP status, or null when it got none
   */
  record Delivery(
      String id,
      String webhookId,
      String workspace,
      long eventPosition,
      String eventType,
      Status status,
      int attempts,
      Instant createdAt,
      Instant retryFrom,
      Instant nextAttemptAt,
      Instant lastAttemptAt,
      Integer responseCode,
      Long latencyMillis,
      String lastError) {}

  /**
   * A delivery that is due, with what is needed to send it.
   *
   * @param event the event, or null for a test delivery (or one whose execution was deleted)
   * @param payload the body of a test delivery (JSON), else null
   */
  record Due(Delivery delivery, String url, StoredEvent event, String payload) {}

  /** What one attempt did, recorded by {@link #record}. */
  record Attempt(
      String deliveryId,
      Instant at,
      Status status,
      Integer responseCode,
      long latencyMillis,
      String error,
      Instant nextAttemptAt) {}

  /** Creates a subscription (enabled or not, as it says). */
  void create(Subscription subscription);

  /** The subscription, or empty (also when it belongs to another workspace). */
  Optional<Subscription> find(String workspace, String id);

  /** The subscriptions of a workspace, oldest first. */
  List<Subscription> list(String workspace);

  /** Deletes a subscription and its deliveries; false when there was none. */
  boolean delete(String workspace, String id);

  /**
   * Disables a subscription that keeps failing: it queues nothing more and its pending deliveries
   * fail. False when it was not enabled.
   */
  boolean disable(String id, String reason, Instant at);

  /** Queues a test delivery with its own payload, due at once. */
  void enqueueTest(Delivery delivery, String payload);

  /** Pending deliveries of enabled subscriptions due at {@code now}, the longest due first. */
  List<Due> due(Instant now, int limit);

  /** Records attempts, all in one transaction. */
  void record(List<Attempt> attempts);

  /** A subscription's deliveries, newest first. */
  List<Delivery> deliveries(String workspace, String webhookId, int limit);

  /**
   * Makes deliveries of a subscription pending again, due at {@code now}, with a fresh retry
   * window: the one named, or (when {@code deliveryId} is null) every failed one, and then
   * re-enables the subscription if it was disabled. Returns how many were queued.
   */
  int redeliver(String workspace, String webhookId, String deliveryId, Instant now);
}
