package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PUT /api/v1/providers/{name}}: adds a provider or changes one. A missing
 * {@code api_key} keeps the key set before; the key is never answered back.
 */
@WireType(request = true)
public record ProviderRequest(
    @WireField(values = {"openai", "ollama", "anthropic"}) String kind,
    @JsonProperty("base_url") @WireField(format = "uri", maxLength = 2048) String baseUrl,
    @JsonProperty("default_model") @WireField(maxLength = 200) @Nullable String defaultModel,
    @JsonProperty("api_key") @WireField(writeOnly = true, maxLength = 4096) @Nullable String apiKey,
    @JsonProperty("timeout_seconds") @WireField(minimum = 1, maximum = 3600) @Nullable
        Integer timeoutSeconds,
    @JsonProperty("make_default") @Nullable Boolean makeDefault) {}
