package io.aispine.server.internal.workspaces;

import io.aispine.api.Problem;
import io.aispine.server.internal.http.ProblemException;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A quota that a request would exceed: {@code 429} for the API call rate, {@code 403} for the
 * others. The problem names the quota, its limit and when it resets; the {@code RateLimit-*} and
 * {@code Retry-After} headers say the same to machines.
 *
 * @param quota the quota's name ({@code api_calls_per_minute}, {@code executions_per_month} …)
 * @param workspace the workspace whose quota it is
 * @param limit the limit
 * @param resetsAt when the quota allows more again, or null when only a change frees it
 */
public record QuotaExceeded(String quota, String workspace, long limit, Instant resetsAt) {

  /** Sets the headers on {@code ctx} and returns the exception that ends the request. */
  public ProblemException answer(Context ctx, Instant now) {
    headers(now).forEach(ctx::header);
    return new ProblemException(problem(now));
  }

  /** The {@code RateLimit-*} and {@code Retry-After} headers of the answer, in order. */
  public Map<String, String> headers(Instant now) {
    long seconds = secondsToReset(now);
    var headers = new LinkedHashMap<String, String>();
    headers.put("RateLimit-Limit", Long.toString(limit));
    headers.put("RateLimit-Remaining", "0");
    headers.put("RateLimit-Reset", Long.toString(seconds));
    headers.put("Retry-After", Long.toString(seconds));
    return headers;
  }

  /** The problem of the answer: 429 for the call rate, 403 for the other quotas. */
  public Problem problem(Instant now) {
    boolean rate = quota.equals("api_calls_per_minute");
    long seconds = secondsToReset(now);
    String reset =
        resetsAt == null
            ? "it frees up as running executions finish"
            : "it resets at " + resetsAt + " (in " + seconds + " s)";
    String detail =
        "quota "
            + quota
            + " of workspace '"
            + workspace
            + "' is "
            + limit
            + (limit == 0 ? " (the plan includes none)" : "")
            + " and this request would exceed it; "
            + reset
            + "; the server's owner can change the plan (aispine workspace quota)";
    return Problem.of(
        rate ? 429 : 403,
        rate ? "rate-limited" : "quota-exceeded",
        "Quota " + quota + " exceeded",
        detail);
  }

  private long secondsToReset(Instant now) {
    return resetsAt == null ? 60 : Math.max(1, Duration.between(now, resetsAt).toSeconds() + 1);
  }
}
