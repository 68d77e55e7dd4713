package io.aispine.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** What a hostile request may get back: a 4xx problem or a success, never a 5xx or a trace. */
final class HostileAnswers {

  private HostileAnswers() {}

  /** Why {@code answer} is wrong for {@code request}, or null when it is fine. */
  static String wrong(HostileRequest request, HostileSender.Answer answer) {
    int status = answer.status();
    boolean raw = request.raw() != null;
    if (status == 0) {
      // a connection closed without an answer is how HTTP ends some garbage; not a client's request
      return raw ? null : "the connection closed without an answer";
    }
    // 505 is what HTTP prescribes for a version the server does not speak: the client's fault
    if (status >= 500 && !(raw && status == 505)) {
      return status + " " + clip(answer.body());
    }
    if (answer.body().contains("\tat ") || answer.body().contains(".java:")) {
      return status + " with a stack trace: " + clip(answer.body());
    }
    if (status < 400 || "HEAD".equals(request.method())) {
      return null;
    }
    if (!answer.contentType().startsWith("application/problem+json")) {
      return status + " as '" + answer.contentType() + "', not a problem: " + clip(answer.body());
    }
    try {
      JsonNode problem = Api.JSON.readTree(answer.body());
      if (problem.path("status").asInt() != status
          || !problem.path("type").asText().startsWith("urn:aispine:problem:")) {
        return status + " whose problem says otherwise: " + clip(answer.body());
      }
    } catch (IOException e) {
      return status + " whose problem is not JSON: " + clip(answer.body());
    }
    return null;
  }

  private static String clip(String text) {
    String flat = text.replaceAll("\\p{Cntrl}", "?");
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
  }
}
