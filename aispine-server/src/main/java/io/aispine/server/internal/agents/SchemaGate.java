package io.aispine.server.internal.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agent.Agent;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.manifest.JsonSchemas;
import io.aispine.engine.ErrorInfo;
import java.util.List;

/**
 * Checks calls against an agent version's manifest: the input against its {@code input_schema}
 * before the call, the output against its {@code output_schema} after. A violation is a permanent
 * node failure ({@value #INPUT_VIOLATION} or {@value #OUTPUT_VIOLATION}) whose message names each
 * faulty field by JSON pointer and the rule it breaks.
 */
final class SchemaGate {

  /** The error code of an input that does not match the input schema. */
  static final String INPUT_VIOLATION = "INPUT_SCHEMA_VIOLATION";

  /** The error code of an output that does not match the output schema. */
  static final String OUTPUT_VIOLATION = "OUTPUT_SCHEMA_VIOLATION";

  private SchemaGate() {}

  /**
   * Refuses calls whose input breaks {@code schema} without calling {@code next}: the flow sent bad
   * input, which says nothing about the agent, so the call reaches neither its circuit nor its
   * metrics.
   */
  static Agent checkInput(String agentKey, JsonSchemas.Compiled schema, Agent next) {
    return call -> {
      List<JsonSchemas.Violation> violations = schema.violations(tree(call.input()));
      if (!violations.isEmpty()) {
        throw new AgentException.Permanent(
            INPUT_VIOLATION, message("input", agentKey, "input_schema", violations));
      }
      return next.execute(call);
    };
  }

  /** Turns a successful output that breaks {@code schema} into a permanent failure. */
  static Agent checkOutput(String agentKey, JsonSchemas.Compiled schema, Agent next) {
    return call -> {
      AgentResult result = next.execute(call);
      if (result instanceof AgentResult.Success success) {
        List<JsonSchemas.Violation> violations = schema.violations(tree(success.output()));
        if (!violations.isEmpty()) {
          return AgentResult.failure(
              ErrorInfo.permanent(
                  OUTPUT_VIOLATION, message("output", agentKey, "output_schema", violations)));
        }
      }
      return result;
    };
  }

  private static JsonNode tree(Object value) {
    return ContractJson.mapper().valueToTree(value);
  }

  private static String message(
      String what, String agentKey, String schema, List<JsonSchemas.Violation> violations) {
    return what
        + " does not match the "
        + schema
        + " of agent "
        + agentKey
        + ": "
        + JsonSchemas.describe(violations)
        + (violations.size() > 3 ? " (and " + (violations.size() - 3) + " more)" : "");
  }
}
