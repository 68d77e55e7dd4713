package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PUT /api/v1/budgets}: sets the budget of the workspace ({@code flow} absent)
 * or of one flow for a period; {@code policy} {@code fail} (the default) fails a call that would
 * cross it with {@code BUDGET_EXCEEDED}, {@code hold} makes that error retryable.
 */
@WireType(request = true)
public record BudgetRequest(
    @WireField(maxLength = 200) @Nullable String flow,
    @WireField(values = {"daily", "monthly"}) String period,
    @JsonProperty("limit_usd") @WireField(minimum = 0) double limitUsd,
    @WireField(values = {"fail", "hold"}) @Nullable String policy) {}
