package io.aispine.cli.demo;

import io.aispine.cli.output.Terminal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code aispine demo kyc}: the KYC showcase, which {@code aispine demo} runs too. */
@Command(
    name = "kyc",
    mixinStandardHelpOptions = true,
    description = {
      "Hotel check-in over WhatsApp: guests send ID photos, a real server reads, matches and"
          + " answers them, survives a SIGKILL midway, and every guest is answered exactly once.",
      "It starts 'aispine server' as a child process with a stand-in WhatsApp Cloud API, sends"
          + " generated passports and ID cards as signed webhooks, shows each guest's progress and"
          + " conversation, answers the front-desk review through the API, kills the server with"
          + " SIGKILL while guests are in flight, restarts it on the same store, and counts the"
          + " replies."
    })
public final class KycDemoCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin KycDemoOptions options = new KycDemoOptions();

  @Override
  public Integer call() throws Exception {
    return run(spec, options);
  }

  static int run(picocli.CommandLine.Model.CommandSpec spec, KycDemoOptions options)
      throws Exception {
    options.validate();
    return new KycDemo(spec.commandLine().getOut(), Terminal.detect(), options).run();
  }
}
