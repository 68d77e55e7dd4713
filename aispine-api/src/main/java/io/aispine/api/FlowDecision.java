package io.aispine.api;

/**
 * The answer to approving or rejecting a flow version: where it stands now and, for an approval,
 * what it changes against the version approved before it.
 *
 * @param diff the change against the previously approved version, or null for a rejection
 */
public record FlowDecision(
    String flow, String version, FlowReview review, @Nullable FlowDiff diff) {}
