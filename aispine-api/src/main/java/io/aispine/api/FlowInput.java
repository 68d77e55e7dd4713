package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A flow's declared input: its type, whether it is required, its default and description. */
public record FlowInput(
    String type,
    boolean required,
    @JsonProperty("default") @Nullable Object defaultValue,
    @Nullable String description) {}
