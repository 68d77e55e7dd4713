package io.aispine.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.api.Problem;
import io.aispine.sdk.AispineApiException;
import io.aispine.sdk.ApiJson;
import java.io.IOException;
import java.util.List;

/** Reads an error answer as an RFC 9457 problem, or makes one from a body that is not one. */
final class ProblemReader {

  private static final int EXCERPT = 200;

  private ProblemReader() {}

  static AispineApiException read(String method, String path, int status, String body) {
    return new AispineApiException(method, path, problem(path, status, body));
  }

  private static Problem problem(String path, int status, String body) {
    try {
      JsonNode json = body == null || body.isBlank() ? null : ApiJson.mapper().readTree(body);
      if (json != null && json.isObject() && (json.has("title") || json.has("type"))) {
        Problem parsed = ApiJson.mapper().treeToValue(json, Problem.class);
        // Trust the HTTP status over a missing or wrong one in the body.
        return parsed.status() == status ? parsed : parsed.withStatus(status);
      }
    } catch (IOException e) {
      // not JSON: fall through and quote the body
    }
    String detail = body == null || body.isBlank() ? null : excerpt(body);
    return new Problem("about:blank", reason(status), status, detail, path, List.of());
  }

  static String excerpt(String body) {
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Payload Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "HTTP " + status;
    };
  }
}
