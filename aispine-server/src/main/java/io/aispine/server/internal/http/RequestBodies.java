package io.aispine.server.internal.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.aispine.api.Problem;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** Reads request bodies: size limit, media type, strict JSON with the faulty field named. */
public final class RequestBodies {

  /** The largest body the server reads: 1 MiB. */
  public static final int MAX_BYTES = 1024 * 1024;

  private static final Set<String> JSON_TYPES = Set.of("application/json");

  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

  /** Set on a request whose body was read to its end. */
  private static final String READ = "aispine.bodyRead";

  private RequestBodies() {}

  /**
   * Reads, after the answer is decided and before it is sent, what is left of a body the route did
   * not read (a refused request, a body where none is taken), up to {@link #MAX_BYTES}. Jetty
   * aborts a connection whose request body is unread and still arriving, which can cut the answer
   * the client is waiting for or the next request on that connection; a body that is read keeps the
   * connection usable. Beyond the limit the answer says {@code Connection: close}.
   */
  public static void finish(Context ctx) {
    if (ctx.attribute(READ) != null || ctx.res().isCommitted()) {
      return;
    }
    long declared = ctx.req().getContentLengthLong();
    if (declared <= 0 && ctx.header("Transfer-Encoding") == null) {
      return;
    }
    String expect = ctx.header("Expect");
    if (expect != null && expect.equalsIgnoreCase("100-continue")) {
      // the client sends its body only when asked to: reading it would ask for a refused body
      return;
    }
    if (declared > MAX_BYTES || !drained(ctx)) {
      ctx.header("Connection", "close");
    }
  }

  /** True when the rest of the body, at most {@link #MAX_BYTES}, was read to its end. */
  private static boolean drained(Context ctx) {
    try {
      InputStream in = ctx.req().getInputStream();
      long left = MAX_BYTES + 1L;
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
        left -= n;
        if (left <= 0) {
          return false;
        }
      }
      return true;
    } catch (IOException | IllegalStateException e) {
      return false;
    }
  }

  /** The body's bytes, at most {@link #MAX_BYTES}. */
  public static byte[] bytes(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BYTES) {
      throw new ProblemException(Problem.payloadTooLarge(MAX_BYTES));
    }
    // Chunked bodies declare no length: read one byte past the limit to know it was passed.
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes(MAX_BYTES + 1);
      if (body.length > MAX_BYTES) {
        throw new ProblemException(Problem.payloadTooLarge(MAX_BYTES));
      }
      ctx.attribute(READ, true);
      return body;
    } catch (IOException e) {
      throw new ProblemException(
          Problem.badRequest("the request body could not be read: " + e.getMessage()));
    }
  }

  /** The body as UTF-8 text; a body that is not UTF-8 is a 400. */
  public static String text(Context ctx) {
    byte[] bytes = bytes(ctx);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ProblemException(Problem.badRequest("the request body is not valid UTF-8"));
    }
  }

  /** Refuses a body whose media type is not one of {@code accepted} with a 415. */
  public static void requireMediaType(Context ctx, Set<String> accepted) {
    String type = mediaType(ctx);
    if (type == null || !accepted.contains(type)) {
      throw new ProblemException(
          Problem.unsupportedMediaType(
              "Content-Type "
                  + (type == null ? "(none)" : "'" + type + "'")
                  + " is not accepted here; send one of "
                  + String.join(", ", accepted.stream().sorted().toList())));
    }
  }

  /**
   * The JSON body as a {@code type}, for a route that needs one.
   *
   * @throws ProblemException 415 for a Content-Type other than JSON (even with an empty body), 400
   *     for a missing body or naming the faulty field
   */
  public static <T> T json(Context ctx, Class<T> type) {
    byte[] body = jsonBytes(ctx);
    if (body.length == 0) {
      throw new ProblemException(
          Problem.badField(
              "",
              "the body is empty; this route needs a JSON object"
                  + " (Content-Type: application/json)"));
    }
    return read(body, type);
  }

  /**
   * The JSON body as a {@code type}, for a route whose body fields are all optional: an empty body
   * reads as {@code {}}.
   *
   * @throws ProblemException 415 for a Content-Type other than JSON (even with an empty body), 400
   *     naming the faulty field
   */
  public static <T> T optionalJson(Context ctx, Class<T> type) {
    byte[] body = jsonBytes(ctx);
    return read(body.length == 0 ? EMPTY_OBJECT : body, type);
  }

  /**
   * The body's bytes once its media type is known to be JSON: a Content-Type that says otherwise is
   * refused even on an empty body (the client meant to send something else), and a body without a
   * Content-Type is refused too.
   */
  private static byte[] jsonBytes(Context ctx) {
    if (mediaType(ctx) != null) {
      requireMediaType(ctx, JSON_TYPES);
    }
    byte[] body = bytes(ctx);
    if (body.length > 0) {
      requireMediaType(ctx, JSON_TYPES);
    }
    return body;
  }

  private static <T> T read(byte[] body, Class<T> type) {
    try {
      T value = Json.mapper().readValue(body, type);
      if (value == null) {
        throw new ProblemException(Problem.badField("", "the body must be a JSON object"));
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      String pointer = pointer(e);
      throw new ProblemException(
          Problem.badField(
              pointer,
              "unknown field '"
                  + e.getPropertyName()
                  + "' at "
                  + pointer
                  + "; known fields: "
                  + String.join(
                      ", ", e.getKnownPropertyIds().stream().map(String::valueOf).toList())));
    } catch (InvalidNullException e) {
      String pointer = pointer(e);
      throw new ProblemException(
          Problem.badField(pointer, "field " + pointer + " must not be null"));
    } catch (MismatchedInputException e) {
      String pointer = pointer(e);
      String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
      throw new ProblemException(
          Problem.badField(
              pointer,
              (pointer.isEmpty() ? "the body" : "field " + pointer)
                  + " has the wrong type: expected "
                  + expected));
    } catch (JsonParseException e) {
      var location = e.getLocation();
      throw new ProblemException(
          Problem.badRequest(
              "malformed JSON at line "
                  + location.getLineNr()
                  + " column "
                  + location.getColumnNr()
                  + ": "
                  + e.getOriginalMessage()));
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof ProblemException refused) {
        throw refused; // the request type refused a value itself, naming the field
      }
      String pointer = pointer(e);
      throw new ProblemException(
          Problem.badField(pointer, "invalid value at " + pointer + ": " + rootMessage(e)));
    } catch (JsonMappingException e) {
      String pointer = pointer(e);
      throw new ProblemException(
          Problem.badField(pointer, "invalid value at " + pointer + ": " + rootMessage(e)));
    } catch (JsonProcessingException e) {
      throw new ProblemException(Problem.badRequest("malformed JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ProblemException(Problem.badRequest("the body could not be read as JSON"));
    }
  }

  /** The media type of the request without parameters, lower case, or null. */
  public static String mediaType(Context ctx) {
    String header = ctx.header("Content-Type");
    if (header == null || header.isBlank()) {
      return null;
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  /** The JSON pointer of the field a mapping error is about ({@code /inputs/0}). */
  static String pointer(JsonMappingException e) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      pointer.append('/');
      if (ref.getFieldName() != null) {
        pointer.append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
      } else {
        pointer.append(ref.getIndex());
      }
    }
    return pointer.toString();
  }

  private static String rootMessage(JsonMappingException e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause == e ? e.getOriginalMessage() : cause.getMessage();
  }

  private static String describe(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (type == Integer.class
        || type == Long.class
        || type == Short.class
        || type == int.class
        || type == long.class
        || type == short.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    return "a " + type.getSimpleName();
  }
}
