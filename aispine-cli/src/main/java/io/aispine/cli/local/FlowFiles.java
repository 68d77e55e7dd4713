package io.aispine.cli.local;

import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.flow.Flow;
import io.aispine.flow.FlowParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Predicate;

/** Reads flow files with messages that say what to do. */
final class FlowFiles {
  private FlowFiles() {}

  static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.USAGE, "no such flow file: " + path);
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "cannot read " + path + ": " + e.getMessage());
    }
  }

  /** The flow in {@code path}, whose tasks may only call the agents {@code agents} names. */
  static Flow parse(Path path, Predicate<String> agents) {
    return FlowParser.parse(read(path), path.toString(), agents);
  }
}
