package io.aispine.server.internal.executions;

import io.aispine.server.internal.http.PageCursor;
import io.aispine.store.ExecutionQuery;

/** The opaque {@code cursor} of execution listings (see {@link PageCursor}). */
final class ExecutionCursor {

  private ExecutionCursor() {}

  static String encode(ExecutionQuery.Position position) {
    return PageCursor.encode(position.createdAt(), position.id());
  }

  static ExecutionQuery.Position decode(String cursor) {
    return PageCursor.decode(cursor, "ex_", ExecutionQuery.Position::new);
  }
}
