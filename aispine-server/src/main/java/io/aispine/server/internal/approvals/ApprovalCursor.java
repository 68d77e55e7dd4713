package io.aispine.server.internal.approvals;

import io.aispine.server.internal.http.PageCursor;
import io.aispine.store.ApprovalQuery;

/** The opaque {@code cursor} of approval listings (see {@link PageCursor}). */
final class ApprovalCursor {

  private ApprovalCursor() {}

  static String encode(ApprovalQuery.Position position) {
    return PageCursor.encode(position.createdAt(), position.id());
  }

  static ApprovalQuery.Position decode(String cursor) {
    return PageCursor.decode(cursor, "ap_", ApprovalQuery.Position::new);
  }
}
