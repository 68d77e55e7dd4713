package io.aispine.agents.serve;

import io.aispine.agent.AgentCall;
import io.aispine.agents.contract.ContractHeaders;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.contract.ExecuteRequest;
import io.aispine.agents.contract.ExecuteResponse;
import io.aispine.agents.contract.InvalidSignatureException;
import io.aispine.agents.contract.SignatureVerifier;
import io.aispine.agents.contract.TraceContext;
import io.aispine.agents.contract.WireError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.HashMap;

/** {@code POST /execute}: checks size, signature and body, then runs the agent. */
final class ExecuteHandler implements Handler {

  /** The largest body accepted: 1 MiB. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private final SignatureVerifier verifier;
  private final AgentRunner runner;

  ExecuteHandler(SignatureVerifier verifier, AgentRunner runner) {
    this.verifier = verifier;
    this.runner = runner;
  }

  @Override
  public void handle(Context ctx) throws Exception {
    byte[] body = RequestBody.read(ctx, MAX_BODY_BYTES);
    if (verifier != null) {
      verify(ctx, body);
    }
    ExecuteRequest request = ExecuteRequestParser.parse(body);
    Duration timeout = timeout(ctx.header(ContractHeaders.TIMEOUT_MS));
    AgentCall call =
        withTraceparent(request.toCall(timeout), ctx.header(ContractHeaders.TRACEPARENT));
    ExecuteResponse response = runner.run(call, timeout);
    ctx.status(200).contentType("application/json").result(serialize(response));
  }

  private void verify(Context ctx, byte[] body) {
    try {
      verifier.verify(
          ctx.header(ContractHeaders.SIGNATURE_ID),
          ctx.header(ContractHeaders.SIGNATURE_TIMESTAMP),
          ctx.header(ContractHeaders.SIGNATURE),
          body);
    } catch (InvalidSignatureException e) {
      // The verifier's messages name headers and clock skew, never a secret or expected value.
      throw new ProblemException(Problem.unauthorized(e.getMessage()));
    }
  }

  /** The call with the header's trace context, so that agents can continue the caller's trace. */
  private static AgentCall withTraceparent(AgentCall call, String traceparent) {
    if (!TraceContext.isValid(traceparent)
        || call.context().containsKey(TraceContext.CONTEXT_KEY)) {
      return call;
    }
    var context = new HashMap<>(call.context());
    context.put(TraceContext.CONTEXT_KEY, traceparent);
    return new AgentCall(
        call.executionId(),
        call.nodePath(),
        call.attempt(),
        call.idempotencyKey(),
        call.action(),
        call.input(),
        context,
        call.timeout());
  }

  private static Duration timeout(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      long millis = Long.parseLong(header.strip());
      if (millis > 0) {
        return Duration.ofMillis(millis);
      }
    } catch (NumberFormatException e) {
      // Reported below, with the fix.
    }
    throw new ProblemException(
        Problem.badRequest(
            "header " + ContractHeaders.TIMEOUT_MS + " must be a whole number of milliseconds > 0",
            null));
  }

  private static byte[] serialize(ExecuteResponse response) {
    try {
      return ContractJson.mapper().writeValueAsBytes(response);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // An output that is not JSON-like is the agent's bug; say so in the contract's own terms.
      var error =
          new WireError(
              "AGENT_PROTOCOL",
              "the agent's output cannot be written as JSON: " + e.getOriginalMessage(),
              false);
      try {
        return ContractJson.mapper()
            .writeValueAsBytes(new ExecuteResponse(ExecuteResponse.ERROR, null, null, error));
      } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }
}
