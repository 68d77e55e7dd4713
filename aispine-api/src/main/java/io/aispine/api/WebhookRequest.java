package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /api/v1/webhooks}.
 *
 * @param url the absolute http(s) URL events are POSTed to; the server's outbound policy applies
 * @param eventTypes glob patterns over event types: {@code *} any run of characters, {@code ?} one
 *     ({@code execution.*}, {@code node.failed}, {@code *})
 * @param description what it is for
 */
@WireType(request = true)
public record WebhookRequest(
    @WireField(maxLength = 2048) String url,
    @JsonProperty("event_types") List<String> eventTypes,
    @WireField(maxLength = 200) @Nullable String description) {}
