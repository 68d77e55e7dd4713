package io.aispine.server.internal.http;

import io.aispine.api.Problem;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.function.BiFunction;

/**
 * The opaque {@code cursor} of the listings that page newest first by (time, id): base64url of the
 * last item's time and id. Clients pass {@code next_cursor} back unchanged.
 */
public final class PageCursor {

  private PageCursor() {}

  /** The cursor after the item created at {@code at} with id {@code id}. */
  public static String encode(Instant at, String id) {
    String plain = at + "|" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position a cursor names, made by {@code position} from its time and id.
   *
   * @param idPrefix the prefix every id of this listing has ({@code ex_}, {@code ap_})
   * @throws ProblemException a 400 naming the {@code cursor} parameter when it is not one of ours
   */
  public static <P> P decode(
      String cursor, String idPrefix, BiFunction<Instant, String, P> position) {
    try {
      String plain =
          new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
      int bar = plain.indexOf('|');
      String id = plain.substring(bar + 1);
      if (bar < 0 || !id.startsWith(idPrefix)) {
        throw new IllegalArgumentException();
      }
      return position.apply(Instant.parse(plain.substring(0, bar)), id);
    } catch (IllegalArgumentException | DateTimeException | IndexOutOfBoundsException e) {
      throw new ProblemException(
          Problem.badParameter(
              "cursor",
              "query parameter 'cursor' is not a cursor this server gave out; pass back"
                  + " next_cursor unchanged, or leave it out for the first page"));
    }
  }
}
