package io.aispine.api;

/**
 * What {@code POST /api/v1/webhooks/{id}/redeliver} queued.
 *
 * @param queued how many deliveries are pending again
 * @param enabled whether the webhook is enabled now
 */
public record Redelivery(int queued, boolean enabled) {}
