package io.aispine.cli.webhook;

import io.aispine.api.WebhookDelivery;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aispine webhooks test ID}. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = "Send a signed test event (io.aispine.webhook.test) to a webhook.")
final class WebhookTestCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The webhook.")
  String id;

  @Override
  protected int run(AispineClient client, Output out) {
    WebhookDelivery delivery = client.testWebhook(id);
    if (out.isJson()) {
      out.json(delivery);
      return ExitCodes.OK;
    }
    out.writer()
        .println(
            "queued test delivery "
                + delivery.id()
                + "; see it with: aispine webhooks deliveries "
                + id);
    out.writer().flush();
    return ExitCodes.OK;
  }
}
