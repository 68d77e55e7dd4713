package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * An outbound webhook subscription as the API shows it.
 *
 * @param eventTypes the glob patterns of the event types it receives ({@code node.*})
 * @param enabled false once it kept failing (see {@code disabled_reason}); redelivering enables it
 * @param secret its signing secret ({@code whsec_…}), only in the answer that created it (shown
 *     once), else absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Webhook(
    String id,
    String workspace,
    String url,
    @JsonProperty("event_types") List<String> eventTypes,
    @Nullable String description,
    boolean enabled,
    @JsonProperty("disabled_reason") @Nullable String disabledReason,
    @JsonProperty("disabled_at") @Nullable Instant disabledAt,
    @JsonProperty("created_at") Instant createdAt,
    @Nullable String secret) {}
