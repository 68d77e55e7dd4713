package io.aispine.cli.webhook;

import io.aispine.api.Webhook;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code aispine webhooks list}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List your workspace's webhooks: id, URL, events, enabled or why disabled.")
final class WebhookListCommand extends RemoteCommand {

  @Override
  protected int run(AispineClient client, Output out) {
    List<Webhook> hooks = client.listWebhooks();
    if (out.isJson()) {
      out.json(Map.of("items", hooks));
      return ExitCodes.OK;
    }
    out.table(
        List.of("ID", "URL", "EVENTS", "STATE"),
        hooks.stream()
            .map(
                h ->
                    List.of(
                        h.id(),
                        h.url(),
                        String.join(",", h.eventTypes()),
                        h.enabled() ? "enabled" : "disabled: " + h.disabledReason()))
            .toList(),
        "no webhooks");
    return ExitCodes.OK;
  }
}
