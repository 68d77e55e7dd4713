package io.aispine.api;

/**
 * The optional body of {@code POST /api/v1/agents/{name}/versions/{version}/deprecate}.
 *
 * @param reason why, or what to use instead
 */
@WireType(request = true)
public record DeprecateRequest(@WireField(maxLength = 500) @Nullable String reason) {}
