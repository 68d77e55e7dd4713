package io.aispine.server.internal.http;

import io.aispine.api.Problem;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Reads and checks query parameters, answering 400 with the parameter named. */
public final class QueryParams {

  /** The page size when none is asked for. */
  public static final int DEFAULT_LIMIT = 50;

  /** The largest page size. */
  public static final int MAX_LIMIT = 500;

  private QueryParams() {}

  /** Refuses parameters the route does not know, so a typo is not silently ignored. */
  public static void allowOnly(Context ctx, Set<String> known) {
    for (String name : ctx.queryParamMap().keySet()) {
      if (!known.contains(name)) {
        throw new ProblemException(
            Problem.badParameter(
                name,
                "unknown query parameter '"
                    + name
                    + "'"
                    + (known.isEmpty()
                        ? "; this route takes none"
                        : "; known: " + String.join(", ", known.stream().sorted().toList()))));
      }
    }
  }

  /** The single value of a parameter, or null when absent; repeated is a 400. */
  public static String single(Context ctx, String name) {
    List<String> values = ctx.queryParams(name);
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new ProblemException(
          Problem.badParameter(name, "query parameter '" + name + "' may be given only once"));
    }
    return values.getFirst();
  }

  /** A {@code true}/{@code false} parameter, false when absent; any other value is a 400. */
  public static boolean flag(Context ctx, String name) {
    String value = single(ctx, name);
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw new ProblemException(
        Problem.badParameter(
            name,
            "query parameter '"
                + name
                + "' must be true or false, got '"
                + Printable.clip(value)
                + "'"));
  }

  /** {@code limit}: 1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}. */
  public static int limit(Context ctx) {
    return integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
  }

  /** A whole-number parameter within bounds, or {@code absent} when not given. */
  public static long longValue(Context ctx, String name, long absent, long min, long max) {
    String value = single(ctx, name);
    if (value == null) {
      return absent;
    }
    try {
      long parsed = Long.parseLong(value.strip());
      if (parsed < min || parsed > max) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ProblemException(
          Problem.badParameter(
              name,
              "query parameter '"
                  + name
                  + "' must be a whole number from "
                  + min
                  + " to "
                  + max
                  + ", got '"
                  + Printable.clip(value)
                  + "'"));
    }
  }

  private static int integer(Context ctx, String name, int absent, int min, int max) {
    return (int) longValue(ctx, name, absent, min, max);
  }

  /** An RFC 3339 instant parameter, or null when absent. */
  public static Instant instant(Context ctx, String name) {
    String value = single(ctx, name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeException e) {
      throw new ProblemException(
          Problem.badParameter(
              name,
              "query parameter '"
                  + name
                  + "' must be an RFC 3339 time like 2026-11-22T05:05:46Z, got '"
                  + Printable.clip(value)
                  + "'"));
    }
  }
}
