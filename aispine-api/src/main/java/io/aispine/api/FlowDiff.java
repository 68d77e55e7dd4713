package io.aispine.api;

/**
 * What a flow version changes against another, as a unified diff of the YAML sources.
 *
 * @param against the version compared with (by default the last approved one), or null when there
 *     is none: then every line is added
 * @param unified the unified diff ({@code ---}/{@code +++} headers, {@code @@} hunks); empty when
 *     the sources are equal
 * @param added how many lines the version adds
 * @param removed how many lines it removes
 */
public record FlowDiff(
    String flow,
    String version,
    @Nullable String against,
    String unified,
    int added,
    int removed) {}
