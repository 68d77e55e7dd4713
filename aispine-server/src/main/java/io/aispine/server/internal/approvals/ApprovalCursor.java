package io.aispine.server.internal.approvals;

import io.aispine.server.internal.http.Problem;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.store.ApprovalQuery;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/** The opaque {@code cursor} of approval listings: base64url of the last item's time and id. */
final class ApprovalCursor {

  private ApprovalCursor() {}

  static String encode(ApprovalQuery.Position position) {
    String plain = position.createdAt() + "|" + position.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static ApprovalQuery.Position decode(String cursor) {
    try {
      String plain =
          new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
      int bar = plain.indexOf('|');
      String id = plain.substring(bar + 1);
      if (bar < 0 || !id.startsWith("ap_")) {
        throw new IllegalArgumentException();
      }
      return new ApprovalQuery.Position(Instant.parse(plain.substring(0, bar)), id);
    } catch (IllegalArgumentException | DateTimeException | IndexOutOfBoundsException e) {
      throw new ProblemException(
          Problem.badParameter(
              "cursor",
              "query parameter 'cursor' is not a cursor this server gave out; pass back"
                  + " next_cursor unchanged, or leave it out for the first page"));
    }
  }
}
