package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A trigger of the newest approved version of a flow, as {@code GET /api/v1/triggers} shows it.
 *
 * @param name {@code flow.trigger}, the trigger's name in paths and webhook URLs
 * @param kind {@code schedule}, {@code webhook} or {@code event}
 * @param version the flow version whose declaration is in force
 * @param nextFireAt a schedule's next fire, null for other kinds, a paused schedule or none left
 * @param cron a schedule's cron expression
 * @param timezone a schedule's time zone
 * @param url a webhook's path, to {@code POST} signed deliveries to
 * @param watches an event trigger's watched flow
 * @param statuses an event trigger's end statuses
 * @param lastExecution the execution the trigger started last
 */
public record TriggerInfo(
    String name,
    String flow,
    String trigger,
    String kind,
    String version,
    boolean paused,
    @Nullable @JsonProperty("next_fire_at") Instant nextFireAt,
    @Nullable String cron,
    @Nullable String timezone,
    @Nullable String url,
    @Nullable String watches,
    @Nullable List<String> statuses,
    @Nullable @JsonProperty("last_execution") String lastExecution) {}
