package io.aispine.cli.audit;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aispine audit …}: the server's hash-chained audit log, read and verified. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "List the server's audit log and verify its hash chain (admin keys only).",
    subcommands = {AuditListCommand.class, AuditVerifyCommand.class})
public final class AuditCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
