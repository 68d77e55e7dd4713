package io.aispine.server.internal.http;

import io.aispine.api.Problem;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a malformed request line, URI or header, an unknown HTTP version, caught
 * before any route runs) as problem+json instead of Jetty's HTML page, with the status Jetty
 * answers; never with a stack trace.
 */
public final class ProblemErrorHandler extends ErrorHandler {

  /** The target Jetty gives a request whose request line it could not parse. */
  private static final String UNPARSED_TARGET = "/badMessage";

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
    String path = request.getHttpURI().getPath();
    Problem problem = problem(code, message);
    // a request Jetty could not parse far enough to have a target gets its placeholder one
    boolean unparsed = UNPARSED_TARGET.equals(path);
    byte[] body = Json.bytes(unparsed ? problem : problem.at(path));
    response.setStatus(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    if (unparsed) {
      // Jetty closes the connection after a request it could not parse but answers as HTTP/1.0
      // would, without saying so: a client reusing the connection would lose its next request.
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    fields.put(HttpHeader.CONNECTION, "close");
    return ByteBuffer.wrap(Json.bytes(problem(status, reason)));
  }

  private static Problem problem(int code, String message) {
    if (code == 413) {
      return Problem.payloadTooLarge(RequestBodies.MAX_BYTES);
    }
    String detail =
        "the request was refused before reaching the API"
            + (message == null || message.isBlank() ? "" : ": " + Printable.clip(message));
    return Problem.forStatus(code, HttpStatus.getMessage(code), detail);
  }
}
