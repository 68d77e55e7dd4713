package io.aispine.cli.audit;

import io.aispine.api.AuditVerification;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import picocli.CommandLine.Command;

/**
 * {@code aispine audit verify}: has the server check the audit log's hash chain; exit code 1 and
 * the first broken entry when it is broken.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Check the audit log's hash chain from its first entry; names the first broken entry and"
            + " exits 1 when an entry was edited, deleted or reordered.")
final class AuditVerifyCommand extends RemoteCommand {

  @Override
  protected int run(AispineClient client, Output out) {
    AuditVerification found = client.verifyAudit();
    if (out.isJson()) {
      out.json(found);
    } else if (found.intact()) {
      out.writer().println("The audit log is intact: " + found.entries() + " entries checked.");
    } else {
      out.writer()
          .println(
              "The audit log is broken at entry "
                  + found.brokenSeq()
                  + ": "
                  + found.reason()
                  + " ("
                  + found.entries()
                  + " entries before it are intact).");
    }
    out.writer().flush();
    return found.intact() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
