package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer ({@code 202}) to a verified webhook delivery.
 *
 * @param executionId the execution of this delivery
 * @param started false when an earlier delivery with the same idempotency key started it already
 */
public record WebhookAccepted(@JsonProperty("execution_id") String executionId, boolean started) {}
