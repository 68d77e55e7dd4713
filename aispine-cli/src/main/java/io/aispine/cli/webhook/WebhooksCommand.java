package io.aispine.cli.webhook;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aispine webhooks …}: the outbound webhooks of your workspace. */
@Command(
    name = "webhooks",
    mixinStandardHelpOptions = true,
    description =
        "Send your workspace's events to a URL as signed CloudEvents (Standard Webhooks): add,"
            + " list, test, and see and redeliver what was sent.",
    subcommands = {
      WebhookAddCommand.class,
      WebhookListCommand.class,
      WebhookTestCommand.class,
      WebhookDeliveriesCommand.class,
      WebhookRedeliverCommand.class
    })
public final class WebhooksCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
