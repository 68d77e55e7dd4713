package io.aispine.agents.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aispine.agent.AgentResult;

/**
 * The body of a {@code POST /execute} answer: {@code status} is {@code success} (with {@code
 * output} and {@code usage}) or {@code error} (with {@code error}).
 *
 * @param status {@code success} or {@code error}
 * @param output the agent's output (JSON), on success
 * @param usage the resources used, on success (optional)
 * @param error what went wrong, on error
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecuteResponse(String status, Object output, WireUsage usage, WireError error) {

  /** The {@code status} of a successful call. */
  public static final String SUCCESS = "success";

  /** The {@code status} of a failed call. */
  public static final String ERROR = "error";

  /** The response that reports {@code result}. */
  public static ExecuteResponse of(AgentResult result) {
    return switch (result) {
      case AgentResult.Success success ->
          new ExecuteResponse(SUCCESS, success.output(), WireUsage.of(success.usage()), null);
      case AgentResult.Failure failure ->
          new ExecuteResponse(ERROR, null, null, WireError.of(failure.error()));
    };
  }
}
