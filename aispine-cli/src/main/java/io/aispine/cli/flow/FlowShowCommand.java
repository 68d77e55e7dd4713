package io.aispine.cli.flow;

import io.aispine.api.FlowInput;
import io.aispine.api.FlowNode;
import io.aispine.api.FlowVersion;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.command.HelpOption;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine flow show ID}: one flow version's inputs, nodes and outputs, or its YAML. */
@Command(
    name = "show",
    description = "Show a flow version: its inputs, nodes and outputs (or its YAML with --yaml).")
final class FlowShowCommand extends RemoteCommand {

  @picocli.CommandLine.Mixin HelpOption help = new HelpOption();

  @Parameters(index = "0", paramLabel = "ID", description = "The flow id.")
  String flowId;

  @Option(names = "--version", paramLabel = "V", description = "The version (default: the latest).")
  String version;

  @Option(names = "--yaml", description = "Print the flow's YAML source as deployed.")
  boolean yaml;

  @Override
  protected int run(AispineClient client, Output out) {
    FlowVersion flow =
        version == null ? client.getFlow(flowId) : client.getFlowVersion(flowId, version);
    if (yaml) {
      out.writer().print(flow.yaml());
      out.writer().flush();
    } else if (out.isJson()) {
      out.json(flow);
    } else {
      var fields = new LinkedHashMap<String, Object>();
      fields.put("id", flow.id());
      fields.put("version", flow.version());
      fields.put("description", flow.description());
      fields.put("created", Output.time(flow.createdAt()));
      fields.put("outputs", String.join(", ", flow.outputs()));
      out.fields(fields);
      out.writer().println();
      out.table(
          List.of("input", "type", "required", "default", "description"),
          flow.inputs().entrySet().stream().map(FlowShowCommand::inputRow).toList(),
          "No inputs.");
      out.writer().println();
      out.table(
          List.of("node", "type", "needs", "agent"),
          flow.nodes().stream().map(FlowShowCommand::nodeRow).toList(),
          "No nodes.");
    }
    return ExitCodes.OK;
  }

  private static List<String> inputRow(Map.Entry<String, FlowInput> e) {
    FlowInput in = e.getValue();
    return List.of(
        e.getKey(),
        Output.cell(in.type()),
        in.required() ? "yes" : "no",
        Output.cell(in.defaultValue()),
        Output.cell(in.description()));
  }

  private static List<String> nodeRow(FlowNode n) {
    return List.of(
        n.id(),
        Output.cell(n.type()),
        n.needs().isEmpty() ? "-" : String.join(",", n.needs()),
        Output.cell(n.agent()));
  }
}
