package io.aispine.sdk;

import io.aispine.api.FlowVersion;

/**
 * The answer to a deploy: the flow version and whether this call created it ({@code false} when the
 * same id, version and content were already deployed).
 */
public record FlowDeployment(FlowVersion flow, boolean created) {}
