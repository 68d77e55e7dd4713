package io.aispine.cli;

import io.aispine.flow.FlowParser;
import io.aispine.flow.FlowProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aispine validate FLOW.yaml…}: prints every problem with its line and column. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check flow files and print every problem with its line and column.")
final class ValidateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FLOW.yaml", description = "Flow files to check.")
  List<Path> files;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    int invalid = 0;
    for (Path file : files) {
      List<FlowProblem> problems = FlowParser.validate(FlowFiles.read(file), file.toString());
      if (problems.isEmpty()) {
        out.println(file + ": valid");
      } else {
        invalid++;
        problems.forEach(out::println);
        out.println(file + ": " + problems.size() + " problem(s)");
      }
    }
    out.flush();
    return invalid == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
