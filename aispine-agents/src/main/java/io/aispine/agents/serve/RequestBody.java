package io.aispine.agents.serve;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a size limit. */
final class RequestBody {

  private RequestBody() {}

  /**
   * The body's bytes.
   *
   * @throws ProblemException 413 when the body is longer than {@code limit} bytes
   */
  static byte[] read(Context ctx, int limit) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      throw new ProblemException(Problem.tooLarge(limit));
    }
    // Chunked bodies declare no length: read one byte past the limit to know it was passed.
    try (InputStream in = ctx.bodyInputStream()) {
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        throw new ProblemException(Problem.tooLarge(limit));
      }
      return body;
    }
  }
}
