package io.aispine.cli.webhook;

import io.aispine.api.WebhookDelivery;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine webhooks deliveries ID}. */
@Command(
    name = "deliveries",
    mixinStandardHelpOptions = true,
    description =
        "A webhook's delivery log, newest first: status, attempts, response code, latency.")
final class WebhookDeliveriesCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The webhook.")
  String id;

  @Option(
      names = "--limit",
      defaultValue = "50",
      description = "How many (1 to 500).",
      paramLabel = "N")
  int limit;

  @Override
  protected int run(AispineClient client, Output out) {
    List<WebhookDelivery> deliveries = client.webhookDeliveries(id, limit);
    if (out.isJson()) {
      out.json(Map.of("items", deliveries));
      return ExitCodes.OK;
    }
    out.table(
        List.of("ID", "EVENT", "STATUS", "ATTEMPTS", "CODE", "MS", "LAST ATTEMPT", "ERROR"),
        deliveries.stream()
            .map(
                d ->
                    List.of(
                        d.id(),
                        d.eventType(),
                        d.status(),
                        Integer.toString(d.attempts()),
                        d.responseCode() == null ? "-" : d.responseCode().toString(),
                        d.latencyMs() == null ? "-" : d.latencyMs().toString(),
                        Output.time(d.lastAttemptAt()),
                        d.lastError() == null ? "-" : d.lastError()))
            .toList(),
        "no deliveries");
    return ExitCodes.OK;
  }
}
