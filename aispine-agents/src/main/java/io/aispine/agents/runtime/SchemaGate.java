package io.aispine.agents.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agent.Agent;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.manifest.JsonSchemas;
import io.aispine.agents.manifest.JsonSchemas.Outcome;
import io.aispine.execution.ErrorInfo;
import java.util.List;

/**
 * Checks calls against an agent version's manifest: the input against its {@code input_schema}
 * before the call, the output against its {@code output_schema} after. A violation is a permanent
 * node failure ({@value #INPUT_VIOLATION} or {@value #OUTPUT_VIOLATION}) whose message names each
 * faulty field by JSON pointer and the rule it breaks. A schema that cannot be applied (one stored
 * before today's schema rules, or a check that fails) is a permanent failure too ({@value
 * #INPUT_INVALID} or {@value #OUTPUT_INVALID}): a check never throws, so a node never hangs on it.
 */
final class SchemaGate {

  /** The error code of an input that does not match the input schema. */
  static final String INPUT_VIOLATION = "INPUT_SCHEMA_VIOLATION";

  /** The error code of an output that does not match the output schema. */
  static final String OUTPUT_VIOLATION = "OUTPUT_SCHEMA_VIOLATION";

  /** The error code of a call whose input schema cannot be applied. */
  static final String INPUT_INVALID = "INPUT_SCHEMA_INVALID";

  /** The error code of a call whose output schema cannot be applied. */
  static final String OUTPUT_INVALID = "OUTPUT_SCHEMA_INVALID";

  private SchemaGate() {}

  /**
   * Refuses calls whose input breaks {@code schema} without calling {@code next}: the flow sent bad
   * input, which says nothing about the agent, so the call reaches neither its circuit nor its
   * metrics.
   */
  static Agent checkInput(String agentKey, JsonSchemas.Compiled schema, Agent next) {
    return call -> {
      switch (check(schema, call.input())) {
        case Outcome.Unusable unusable ->
            throw new AgentException.Permanent(
                INPUT_INVALID, unusable(agentKey, "input_schema", unusable));
        case Outcome.Checked checked when !checked.violations().isEmpty() ->
            throw new AgentException.Permanent(
                INPUT_VIOLATION, message("input", agentKey, "input_schema", checked.violations()));
        case Outcome.Checked conforms -> {}
      }
      return next.execute(call);
    };
  }

  /** Turns a successful output that breaks {@code schema} into a permanent failure. */
  static Agent checkOutput(String agentKey, JsonSchemas.Compiled schema, Agent next) {
    return call -> {
      AgentResult result = next.execute(call);
      if (!(result instanceof AgentResult.Success success)) {
        return result;
      }
      return switch (check(schema, success.output())) {
        case Outcome.Unusable unusable ->
            AgentResult.failure(
                ErrorInfo.permanent(OUTPUT_INVALID, unusable(agentKey, "output_schema", unusable)));
        case Outcome.Checked checked when !checked.violations().isEmpty() ->
            AgentResult.failure(
                ErrorInfo.permanent(
                    OUTPUT_VIOLATION,
                    message("output", agentKey, "output_schema", checked.violations())));
        case Outcome.Checked conforms -> result;
      };
    };
  }

  private static Outcome check(JsonSchemas.Compiled schema, Object value) {
    JsonNode tree;
    try {
      tree = ContractJson.mapper().valueToTree(value);
    } catch (RuntimeException | StackOverflowError e) {
      return new Outcome.Unusable("the value cannot be read as JSON: " + e);
    }
    return schema.check(tree);
  }

  private static String unusable(String agentKey, String schema, Outcome.Unusable unusable) {
    return "the "
        + schema
        + " of agent "
        + agentKey
        + " cannot be applied: "
        + unusable.reason()
        + "; register a new version of the agent whose "
        + schema
        + " follows the schema rules (docs/agents.md)";
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
