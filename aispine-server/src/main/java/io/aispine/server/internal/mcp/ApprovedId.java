package io.aispine.server.internal.mcp;

import io.aispine.flow.FlowVersion;
import io.aispine.server.internal.http.Printable;

/**
 * The id of an approved flow version as MCP clients name it: {@code flow@version}, e.g. {@code
 * hello@1.0.0}, the same form the CLI prints ({@code aispine flow approve hello@1.0.0}). Parsing
 * says nothing about the gate: {@link ApprovedFlows} decides whether the version is approved.
 *
 * @param flow the flow id
 * @param version the exact semantic version
 */
record ApprovedId(String flow, String version) {

  /** Parses {@code flow@version}; a malformed id is refused with the form it must have. */
  static ApprovedId parse(String text) {
    if (text == null || text.isBlank()) {
      throw McpRefusal.invalid(
          "an approved id is required: 'flow@version', e.g. 'hello@1.0.0' (ops://approved lists"
              + " them)");
    }
    String id = text.strip();
    int at = id.lastIndexOf('@');
    if (at <= 0 || at == id.length() - 1 || !FlowVersion.isValid(id.substring(at + 1))) {
      throw McpRefusal.invalid(
          "approved id '"
              + Printable.clip(id)
              + "' must be 'flow@version' with a semantic version, e.g. 'hello@1.0.0'"
              + " (ops://approved lists them)");
    }
    return new ApprovedId(id.substring(0, at), id.substring(at + 1));
  }

  @Override
  public String toString() {
    return flow + "@" + version;
  }
}
