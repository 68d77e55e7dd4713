package io.aispine.api;

/**
 * The body of {@code PUT /api/v1/panic}.
 *
 * @param on required: true to freeze every mutation and every new run, false to lift the freeze
 * @param reason what the incident is (shown in every refusal while panic mode is on), or null
 */
@WireType(request = true)
public record PanicRequest(Boolean on, @WireField(maxLength = 1000) @Nullable String reason) {}
