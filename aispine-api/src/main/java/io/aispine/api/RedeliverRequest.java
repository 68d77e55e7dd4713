package io.aispine.api;

/**
 * The body of {@code POST /api/v1/webhooks/{id}/redeliver}.
 *
 * @param delivery the delivery to send again; absent for every failed one (which also enables a
 *     disabled webhook again)
 */
@WireType(request = true)
public record RedeliverRequest(@WireField(maxLength = 200) @Nullable String delivery) {}
