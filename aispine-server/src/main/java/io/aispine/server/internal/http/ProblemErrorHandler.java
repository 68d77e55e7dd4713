package io.aispine.server.internal.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a malformed URI or header, caught before any route runs) as problem+json
 * instead of Jetty's HTML page; never with a stack trace.
 */
public final class ProblemErrorHandler extends ErrorHandler {

  /** Jetty writes error bodies only for GET, POST and HEAD; every method gets a problem here. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    byte[] body = Json.bytes(problem(code, message).at(request.getHttpURI().getPath()));
    response.setStatus(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    return ByteBuffer.wrap(Json.bytes(problem(status, reason)));
  }

  private static Problem problem(int code, String message) {
    String detail =
        "the request was refused before reaching the API"
            + (message == null || message.isBlank() ? "" : ": " + Printable.clip(message));
    return switch (code) {
      case 400 -> Problem.badRequest(detail);
      case 404 -> Problem.notFound(detail);
      case 405 -> Problem.methodNotAllowed(detail);
      case 413 -> Problem.payloadTooLarge(RequestBodies.MAX_BYTES);
      case 415 -> Problem.unsupportedMediaType(detail);
      case 503 -> Problem.unavailable(detail);
      default ->
          code >= 400 && code < 500
              ? Problem.of(code, "bad-request", "Bad request", detail)
              : Problem.internal(detail);
    };
  }
}
