package io.aispine.api;

/**
 * The body of {@code POST /api/v1/workspaces}.
 *
 * @param id lower-case letters, digits and '-', starting with a letter
 * @param name a human name; the id when absent
 * @param plan {@code free}, {@code startup}, {@code scale} or {@code unlimited}; free when absent
 */
@WireType(request = true)
public record CreateWorkspaceRequest(
    @WireField(maxLength = 63) String id,
    @WireField(maxLength = 200) @Nullable String name,
    @Nullable String plan) {}
