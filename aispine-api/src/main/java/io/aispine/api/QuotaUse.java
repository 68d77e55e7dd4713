package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One quota of a workspace.
 *
 * @param name {@code api_calls_per_minute} (per key), {@code executions_per_month}, {@code
 *     executions_running} or {@code private_agents}
 * @param limit the limit; -1 for unlimited
 * @param used what the workspace uses now; absent for the per-key call rate
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuotaUse(String name, long limit, @Nullable Long used) {}
