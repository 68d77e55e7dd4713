package io.aispine.sdk.internal;

/**
 * One dispatched server-sent event: the last event id in force when it was dispatched (null when
 * the server never sent one), its event type ({@code message} by default) and its data lines.
 */
public record SseMessage(String id, String event, String data) {}
