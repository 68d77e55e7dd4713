package io.aispine.log;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The ids AI Spine's log lines carry in the MDC, set around one piece of work and restored when it
 * ends: {@code try (var ids = LogContext.set(LogContext.EXECUTION_ID, id)) { … }}.
 *
 * <p>The MDC is per thread. Work that hops threads (a node attempt on its own virtual thread, a
 * request on a server thread) sets its ids where it starts and closes them where it ends, so that
 * no id leaks into the next task that thread runs.
 */
public final class LogContext implements AutoCloseable {

  /** The execution concerned. */
  public static final String EXECUTION_ID = "execution_id";

  /** The node instance concerned ({@code review}, {@code refine/3/score}). */
  public static final String NODE_PATH = "node_path";

  /** The flow concerned, {@code id@version}. */
  public static final String FLOW = "flow";

  /** The W3C trace id (32 hex digits) of the execution or request concerned. */
  public static final String TRACE_ID = "trace_id";

  // each key set here → the value it had before (null: it had none)
  private final Map<String, String> previous;

  private LogContext(Map<String, String> previous) {
    this.previous = previous;
  }

  /**
   * Sets the key/value pairs ({@code key1, value1, key2, value2 …}) in this thread's MDC until
   * {@link #close()}; a null value leaves its key as it was.
   */
  public static LogContext set(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    var previous = new LinkedHashMap<String, String>(keysAndValues.length);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      String key = keysAndValues[i];
      String value = keysAndValues[i + 1];
      if (value != null && !previous.containsKey(key)) {
        previous.put(key, MDC.get(key));
        MDC.put(key, value);
      }
    }
    return new LogContext(previous);
  }

  /** Restores the keys this set to what they were before. */
  @Override
  public void close() {
    previous.forEach(
        (key, value) -> {
          if (value == null) {
            MDC.remove(key);
          } else {
            MDC.put(key, value);
          }
        });
  }
}
