package io.aispine.api;

/**
 * The body of {@code POST /api/v1/flows/{id}/versions/{version}/reject}.
 *
 * @param reason why the version must not run; shown to its author and kept with it
 */
@WireType(request = true)
public record RejectFlowRequest(@WireField(maxLength = 4000) String reason) {}
