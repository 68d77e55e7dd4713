package io.aispine.cli.panic;

import io.aispine.api.PanicStatus;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.LinkedHashMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aispine panic on|off|status}: the incident switch of a server. */
@Command(
    name = "panic",
    mixinStandardHelpOptions = true,
    description = {
      "Freeze a server for an incident: every change and every new run is refused (423), reads and"
          + " cancelling executions still work. Survives restarts. Switching takes an admin key.",
    },
    subcommands = {PanicCommand.On.class, PanicCommand.Off.class, PanicCommand.Status.class})
public final class PanicCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static int print(Output out, PanicStatus status) {
    if (out.isJson()) {
      out.json(status);
      return ExitCodes.OK;
    }
    var fields = new LinkedHashMap<String, Object>();
    fields.put("panic", status.on() ? "ON: changes and new runs are refused" : "off");
    if (status.on()) {
      fields.put("since", Output.time(status.since()));
      fields.put("by", status.by());
      fields.put("reason", status.reason());
    }
    out.fields(fields);
    out.writer().flush();
    return ExitCodes.OK;
  }

  /** {@code aispine panic on --reason TEXT}. */
  @Command(name = "on", mixinStandardHelpOptions = true, description = "Switch panic mode on.")
  static final class On extends RemoteCommand {
    @Option(
        names = {"-m", "--reason"},
        paramLabel = "TEXT",
        description = "The incident; shown in every refusal while panic mode is on.")
    String reason;

    @Override
    protected int run(AispineClient client, Output out) {
      return print(out, client.setPanic(true, reason));
    }
  }

  /** {@code aispine panic off}. */
  @Command(
      name = "off",
      mixinStandardHelpOptions = true,
      description = "Switch panic mode off: changes and new runs are accepted again.")
  static final class Off extends RemoteCommand {
    @Override
    protected int run(AispineClient client, Output out) {
      return print(out, client.setPanic(false, null));
    }
  }

  /** {@code aispine panic status}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show whether panic mode is on.")
  static final class Status extends RemoteCommand {
    @Override
    protected int run(AispineClient client, Output out) {
      return print(out, client.panicStatus());
    }
  }
}
