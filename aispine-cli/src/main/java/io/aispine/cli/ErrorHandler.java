package io.aispine.cli;

import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.engine.InvalidInputsException;
import io.aispine.flow.FlowValidationException;
import io.aispine.store.StoreException;
import picocli.CommandLine;

/** Turns exceptions into one readable message and an exit code; stack traces only with --debug. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    var err = cli.getErr();
    int code;
    switch (e) {
      case CliException c -> {
        err.println("aispine: " + c.getMessage());
        code = c.exitCode();
      }
      case FlowValidationException v -> {
        v.problems().forEach(p -> err.println(p));
        err.println("aispine: flow is invalid (" + v.problems().size() + " problem(s))");
        code = ExitCodes.FAILED;
      }
      case InvalidInputsException i -> {
        i.problems().forEach(p -> err.println("  " + p));
        err.println(
            "aispine: "
                + i.getMessage().split(":")[0]
                + "; pass them with --input k=v or --inputs FILE");
        code = ExitCodes.INVALID_INPUTS;
      }
      case io.aispine.store.FlowConflictException c -> {
        err.println("aispine: " + c.getMessage() + " (or use another --data-dir)");
        code = ExitCodes.FAILED;
      }
      case StoreException s -> {
        err.println("aispine: " + s.getMessage());
        code = ExitCodes.ENVIRONMENT;
      }
      default -> {
        err.println("aispine: unexpected error: " + e);
        code = ExitCodes.ENVIRONMENT;
      }
    }
    if (Boolean.getBoolean("aispine.debug") || System.getenv("AISPINE_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }
}
