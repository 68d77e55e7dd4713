package io.aispine.cli.remote;

import io.aispine.api.Problem;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Hint;
import io.aispine.sdk.AispineApiException;
import io.aispine.sdk.AispineConnectionException;
import io.aispine.sdk.AispineException;

/** Turns an SDK failure into one message that says what to do, and the matching exit code. */
public final class RemoteErrors {

  private RemoteErrors() {}

  public static CliException translate(AispineException e, ServerConnection server) {
    return switch (e) {
      case AispineConnectionException c -> unreachable(c, server);
      case AispineApiException a -> refused(a, server);
    };
  }

  private static CliException unreachable(AispineConnectionException e, ServerConnection server) {
    boolean refused = e.getMessage().endsWith("connection refused");
    String hint =
        refused && ServerConnection.isLoopback(server.url())
            ? "start one with '" + Hint.aispine() + " server' or pass --url"
            : "check the address (from " + server.urlSource() + ") or pass --url";
    return new CliException(ExitCodes.UNREACHABLE, e.getMessage() + ": " + hint);
  }

  private static CliException refused(AispineApiException e, ServerConnection server) {
    Problem p = e.problem();
    String what = describe(p);
    return switch (e.status()) {
      case 401 -> new CliException(ExitCodes.AUTH, authMessage(p, server));
      // the key is valid; its role may not do this (e.g. a viewer answering an approval)
      case 403 -> new CliException(ExitCodes.AUTH, what);
      case 404 -> new CliException(ExitCodes.NOT_FOUND, what);
      case 400, 413, 415 ->
          new CliException(ExitCodes.USAGE, what + (p.errors().size() > 1 ? problems(p) : ""));
      case 422 ->
          new CliException(
              "invalid-inputs".equals(p.kind()) ? ExitCodes.INVALID_INPUTS : ExitCodes.FAILED,
              what + problems(p));
      case 409 -> new CliException(ExitCodes.FAILED, what);
      default ->
          new CliException(
              ExitCodes.ENVIRONMENT,
              what + (e.status() == 503 ? "; the server is starting or stopping, try again" : ""));
    };
  }

  private static String authMessage(Problem p, ServerConnection server) {
    if (server.token() == null) {
      return "the server at "
          + server.url()
          + " needs an API key and none was found: pass --token KEY,"
          + " set AISPINE_TOKEN, or run '"
          + Hint.aispine()
          + " init' (it reads a local server's .aispine/admin.key)";
    }
    return "the server at "
        + server.url()
        + " refused the API key from "
        + server.tokenSource()
        + " ("
        + p.status()
        + " "
        + nonBlank(p.detail(), p.title())
        + "): pass a valid one with"
        + " --token, AISPINE_TOKEN or '"
        + Hint.aispine()
        + " init --token KEY'";
  }

  /** {@code detail (status kind)}, the detail falling back to the title. */
  public static String describe(Problem p) {
    String kind = p.kind().isEmpty() || "blank".equals(p.kind()) ? "" : " " + p.kind();
    return nonBlank(p.detail(), p.title()) + " (" + p.status() + kind + ")";
  }

  private static String problems(Problem p) {
    var text = new StringBuilder();
    p.errors().forEach(error -> text.append(System.lineSeparator()).append("  ").append(error));
    return text.toString();
  }

  private static String nonBlank(String first, String second) {
    return first != null && !first.isBlank() ? first : String.valueOf(second);
  }
}
