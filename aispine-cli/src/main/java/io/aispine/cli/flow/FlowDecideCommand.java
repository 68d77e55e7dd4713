package io.aispine.cli.flow;

import io.aispine.api.FlowDecision;
import io.aispine.api.FlowDiff;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Hint;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aispine flow approve|reject ID@VERSION}: the gate's decision on a deployed draft. Only an
 * approved version runs; approving prints what it changes against the last approved version.
 */
abstract class FlowDecideCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "ID@VERSION", description = "The flow version.")
  String ref;

  abstract FlowDecision decide(AispineClient client, FlowRefArgument flow);

  @Override
  protected int run(AispineClient client, Output out) {
    FlowRefArgument flow = FlowRefArgument.parse(ref);
    FlowDecision decision = decide(client, flow);
    if (out.isJson()) {
      out.json(decision);
      return ExitCodes.OK;
    }
    if (decision.diff() != null) {
      printDiff(out.writer(), decision.diff());
    }
    var fields = new LinkedHashMap<String, Object>();
    fields.put("flow", flow.toString());
    fields.put("status", decision.review().status().wireName());
    fields.put("author", decision.review().author());
    fields.put("decided by", decision.review().decidedBy());
    fields.put("reason", decision.review().reason());
    out.fields(fields);
    if (decision.diff() != null) {
      out.writer().println("Run it with: " + Hint.aispine() + " flow run " + flow.id() + " --wait");
    }
    out.writer().flush();
    return ExitCodes.OK;
  }

  /** The unified diff with a line saying what it is compared with. */
  static void printDiff(PrintWriter writer, FlowDiff diff) {
    String against =
        diff.against() == null
            ? "no version was approved before: every line is new"
            : "against " + diff.flow() + "@" + diff.against() + ", the last approved version";
    writer.println(
        diff.flow()
            + "@"
            + diff.version()
            + ": +"
            + diff.added()
            + " -"
            + diff.removed()
            + " lines, "
            + against);
    writer.print(diff.unified());
    writer.flush();
  }

  /** {@code aispine flow approve ID@VERSION}. */
  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = {
        "Approve a deployed draft so that it can run; prints its diff against the last approved"
            + " version.",
        "Takes an admin key; where four eyes are required, another key than the one that deployed"
            + " it."
      })
  static final class Approve extends FlowDecideCommand {
    @Override
    FlowDecision decide(AispineClient client, FlowRefArgument flow) {
      return client.approveFlow(flow.id(), flow.version());
    }
  }

  /** {@code aispine flow reject ID@VERSION --reason TEXT}. */
  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description =
          "Reject a draft (or withdraw an approval) with a reason: the version never runs again.")
  static final class Reject extends FlowDecideCommand {

    @Option(
        names = {"-m", "--reason"},
        required = true,
        paramLabel = "TEXT",
        description = "Why the version must not run; kept with it and shown to its author.")
    String reason;

    @Override
    FlowDecision decide(AispineClient client, FlowRefArgument flow) {
      return client.rejectFlow(flow.id(), flow.version(), reason);
    }
  }
}
