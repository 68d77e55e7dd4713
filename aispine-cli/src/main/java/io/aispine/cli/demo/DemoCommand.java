package io.aispine.cli.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code aispine demo}: the KYC showcase ({@code demo kyc}); {@code demo examples} tours the
 * bundled example flows.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    subcommands = {KycDemoCommand.class, ExamplesDemoCommand.class},
    description = {
      "Show AI Spine at work: hotel check-in over WhatsApp, with a SIGKILL midway.",
      "Without a subcommand it runs 'demo kyc': guests send generated ID photos over a stand-in"
          + " WhatsApp to a real server in a child process, which reads, matches and answers them;"
          + " the server is killed with SIGKILL while guests are in flight and restarted, and every"
          + " guest is still answered exactly once. 'demo examples' runs the bundled example flows"
          + " instead."
    })
public final class DemoCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin KycDemoOptions options = new KycDemoOptions();

  @Override
  public Integer call() throws Exception {
    return KycDemoCommand.run(spec, options);
  }
}
