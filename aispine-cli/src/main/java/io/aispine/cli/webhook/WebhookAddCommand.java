package io.aispine.cli.webhook;

import io.aispine.api.Webhook;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine webhooks add URL --events execution.*,node.failed}: prints the secret once. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description =
        "Subscribe a URL to events (admin key) and print its signing secret (shown only now).")
final class WebhookAddCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "URL", description = "Where events are POSTed.")
  String url;

  @Option(
      names = "--events",
      split = ",",
      defaultValue = "*",
      description = "Event type patterns, comma-separated (default: * for every event).",
      paramLabel = "PATTERN")
  List<String> events;

  @Option(names = "--description", description = "What it is for.", paramLabel = "TEXT")
  String description;

  @Override
  protected int run(AispineClient client, Output out) {
    Webhook hook = client.createWebhook(url, events, description);
    if (out.isJson()) {
      out.json(hook);
      return ExitCodes.OK;
    }
    out.writer().println(hook.secret());
    out.writer()
        .println(
            "created webhook "
                + hook.id()
                + " for "
                + String.join(",", hook.eventTypes())
                + "; verify deliveries with this secret (Standard Webhooks); it is not shown"
                + " again, store it now");
    out.writer().flush();
    return ExitCodes.OK;
  }
}
