package io.aispine.cli.webhook;

import io.aispine.api.Redelivery;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine webhooks redeliver ID [--delivery MSG]}. */
@Command(
    name = "redeliver",
    mixinStandardHelpOptions = true,
    description =
        "Send a delivery again, or every failed one (which also enables a disabled webhook).")
final class WebhookRedeliverCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The webhook.")
  String id;

  @Option(
      names = "--delivery",
      description = "The delivery (its webhook-id); default: every failed one.",
      paramLabel = "MSG")
  String delivery;

  @Override
  protected int run(AispineClient client, Output out) {
    Redelivery result = client.redeliver(id, delivery);
    if (out.isJson()) {
      out.json(result);
      return ExitCodes.OK;
    }
    out.writer()
        .println(
            "queued "
                + result.queued()
                + (result.queued() == 1 ? " delivery" : " deliveries")
                + "; webhook "
                + id
                + " is "
                + (result.enabled() ? "enabled" : "disabled"));
    out.writer().flush();
    return ExitCodes.OK;
  }
}
