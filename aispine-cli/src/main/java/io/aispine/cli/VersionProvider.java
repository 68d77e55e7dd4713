package io.aispine.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest (set by Maven), so there is one source of truth. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "aispine " + (version == null ? "dev" : version),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
