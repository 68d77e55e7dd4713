package io.aispine.cli.local;

import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.execution.ExecutionState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aispine resume}: finishes the executions a killed process left unfinished on a store.
 * Recovery itself happens whenever an engine opens a store; this command just waits for it.
 */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = {
      "Resume every unfinished execution on the store (for example after the process running"
          + " them was killed) and wait until they end."
    })
public final class ResumeCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = false)
  StoreOptions store = new StoreOptions();

  @Option(
      names = "--timeout",
      defaultValue = "1h",
      paramLabel = "DURATION",
      description = "Give up waiting after this long (default 1h).")
  String timeout;

  @Override
  public Integer call() throws InterruptedException {
    var out = spec.commandLine().getOut();
    Duration limit = DurationOption.parse("--timeout", timeout);
    try (var local = LocalEngine.open(store == null ? new StoreOptions() : store)) {
      List<ExecutionState> active = local.store().executions().findActive();
      if (active.isEmpty()) {
        out.println("Nothing to resume: every execution on this store has ended.");
        return ExitCodes.OK;
      }
      out.println("Resuming " + active.size() + " unfinished execution(s)...");
      out.flush();
      int unsuccessful = 0;
      for (ExecutionState pending : active) {
        ExecutionState done;
        try {
          done = local.engine().await(pending.id(), limit);
        } catch (TimeoutException e) {
          throw new CliException(
              ExitCodes.FAILED, pending.id() + " is still running after " + timeout);
        }
        out.println(
            "  "
                + done.id()
                + "  "
                + done.flowId()
                + "@"
                + done.flowVersion()
                + "  "
                + done.status().wireName()
                + (done.error() == null
                    ? ""
                    : "  " + done.error().code() + " " + done.error().message()));
        out.flush();
        if (!done.status().successful()) {
          unsuccessful++;
        }
      }
      return unsuccessful == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }
}
