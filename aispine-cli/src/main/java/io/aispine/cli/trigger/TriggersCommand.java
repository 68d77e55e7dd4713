package io.aispine.cli.trigger;

import io.aispine.api.TriggerFires;
import io.aispine.api.TriggerInfo;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine triggers list|pause|resume|next}: the triggers of approved flows. */
@Command(
    name = "triggers",
    mixinStandardHelpOptions = true,
    description = {
      "Schedules, webhooks and event triggers declared under triggers: in flows. Only the newest"
          + " approved version of a flow fires; triggers are named FLOW.TRIGGER.",
    },
    subcommands = {
      TriggersCommand.ListTriggers.class,
      TriggersCommand.Pause.class,
      TriggersCommand.Resume.class,
      TriggersCommand.Next.class
    })
public final class TriggersCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What a trigger fires on, in a few words. */
  static String when(TriggerInfo t) {
    return switch (t.kind()) {
      case "schedule" -> t.cron() + " (" + t.timezone() + ")";
      case "webhook" -> "POST " + t.url();
      default ->
          t.watches() + " " + String.join("|", t.statuses() == null ? List.of() : t.statuses());
    };
  }

  static int print(Output out, TriggerInfo t) {
    if (out.isJson()) {
      out.json(t);
      return ExitCodes.OK;
    }
    var fields = new LinkedHashMap<String, Object>();
    fields.put("trigger", t.name());
    fields.put("kind", t.kind());
    fields.put("version", t.version());
    fields.put("fires on", when(t));
    fields.put("paused", t.paused() ? "yes" : "no");
    if (t.nextFireAt() != null) {
      fields.put("next fire", Output.time(t.nextFireAt()));
    }
    out.fields(fields);
    out.writer().flush();
    return ExitCodes.OK;
  }

  /** {@code aispine triggers list [--flow ID]}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the triggers in force, with their next fire.")
  static final class ListTriggers extends RemoteCommand {
    @Option(names = "--flow", paramLabel = "ID", description = "Only this flow's triggers.")
    String flow;

    @Override
    protected int run(AispineClient client, Output out) {
      List<TriggerInfo> triggers = client.listTriggers(flow);
      if (out.isJson()) {
        out.json(Map.of("items", triggers));
        return ExitCodes.OK;
      }
      out.table(
          List.of("TRIGGER", "KIND", "VERSION", "FIRES ON", "NEXT FIRE", "PAUSED"),
          triggers.stream()
              .map(
                  t ->
                      List.of(
                          t.name(),
                          t.kind(),
                          t.version(),
                          when(t),
                          t.nextFireAt() == null ? "-" : t.nextFireAt().toString(),
                          t.paused() ? "yes" : "no"))
              .toList(),
          "no triggers; declare them under triggers: in a flow and approve its version");
      return ExitCodes.OK;
    }
  }

  /** {@code aispine triggers pause NAME}. */
  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Pause a trigger: it fires nothing until resumed.")
  static final class Pause extends RemoteCommand {
    @Parameters(paramLabel = "FLOW.TRIGGER", description = "The trigger.")
    String name;

    @Override
    protected int run(AispineClient client, Output out) {
      return print(out, client.pauseTrigger(name));
    }
  }

  /** {@code aispine triggers resume NAME}. */
  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description =
          "Resume a trigger; a schedule goes on from its next fire (fires due while paused are"
              + " dropped).")
  static final class Resume extends RemoteCommand {
    @Parameters(paramLabel = "FLOW.TRIGGER", description = "The trigger.")
    String name;

    @Override
    protected int run(AispineClient client, Output out) {
      return print(out, client.resumeTrigger(name));
    }
  }

  /** {@code aispine triggers next NAME [--count N]}. */
  @Command(
      name = "next",
      mixinStandardHelpOptions = true,
      description = "Show a schedule's upcoming fires.")
  static final class Next extends RemoteCommand {
    @Parameters(paramLabel = "FLOW.TRIGGER", description = "The schedule.")
    String name;

    @Option(
        names = {"-n", "--count"},
        defaultValue = "5",
        description = "How many fires (1 to 100, default ${DEFAULT-VALUE}).")
    int count;

    @Override
    protected int run(AispineClient client, Output out) {
      TriggerFires fires = client.nextFires(name, count);
      if (out.isJson()) {
        out.json(fires);
        return ExitCodes.OK;
      }
      out.table(
          List.of("FIRE"),
          fires.fires().stream().map(f -> List.of(f.toString())).toList(),
          name + " is paused or has no more fires");
      return ExitCodes.OK;
    }
  }
}
