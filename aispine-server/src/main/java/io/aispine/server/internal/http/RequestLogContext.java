package io.aispine.server.internal.http;

import io.aispine.agents.contract.TraceContext;
import io.aispine.log.LogContext;
import io.javalin.http.Context;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Puts a request's ids in the MDC while it is handled: its {@code trace_id} (from the caller's
 * {@code traceparent} header when valid, else a new one), and the {@code execution_id} or {@code
 * flow} its path names. Set before the handlers and removed after them; every key is set or removed
 * before each request, so nothing of one request can stay on a thread for the next.
 */
public final class RequestLogContext {

  private static final Pattern EXECUTION = Pattern.compile("^/api/v1/executions/([^/]+)");
  private static final Pattern FLOW =
      Pattern.compile("^/api/v1/flows/([^/]+)(?:/versions/([^/]+))?");
  private static final List<String> KEYS =
      List.of(LogContext.TRACE_ID, LogContext.EXECUTION_ID, LogContext.FLOW, LogContext.NODE_PATH);

  private RequestLogContext() {}

  /** Sets the request's ids (a {@code before} handler). */
  public static void set(Context ctx) {
    clear(ctx);
    String traceparent = ctx.header("traceparent");
    String trace = TraceContext.isValid(traceparent) ? traceparent : TraceContext.fresh();
    MDC.put(LogContext.TRACE_ID, trace.substring(3, 35));
    Matcher execution = EXECUTION.matcher(ctx.path());
    if (execution.find()) {
      MDC.put(LogContext.EXECUTION_ID, execution.group(1));
    }
    Matcher flow = FLOW.matcher(ctx.path());
    if (flow.find()) {
      MDC.put(
          LogContext.FLOW,
          flow.group(2) == null ? flow.group(1) : flow.group(1) + "@" + flow.group(2));
    }
  }

  /** Removes them (an {@code after} handler). */
  public static void clear(Context ctx) {
    KEYS.forEach(MDC::remove);
  }
}
