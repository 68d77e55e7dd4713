package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One delivery of one event to a webhook: the {@code webhook-id} its receiver sees on every
 * attempt, and what the last attempt got.
 *
 * @param id the {@code webhook-id} header: the same on every attempt, so receivers dedupe by it
 * @param eventPosition the event's position in the server-wide stream; absent for a test delivery
 * @param status {@code pending}, {@code delivered} or {@code failed} (retries gave up)
 * @param nextAttemptAt when a pending delivery is tried next
 * @param responseCode the last attempt's HTTP status; absent when it got none
 * @param latencyMs how long the last attempt took
 * @param lastError why the last attempt failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookDelivery(
    String id,
    @JsonProperty("webhook_id") String webhookId,
    @JsonProperty("event_type") String eventType,
    @JsonProperty("event_position") @Nullable Long eventPosition,
    String status,
    int attempts,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("next_attempt_at") @Nullable Instant nextAttemptAt,
    @JsonProperty("last_attempt_at") @Nullable Instant lastAttemptAt,
    @JsonProperty("response_code") @Nullable Integer responseCode,
    @JsonProperty("latency_ms") @Nullable Long latencyMs,
    @JsonProperty("last_error") @Nullable String lastError) {}
