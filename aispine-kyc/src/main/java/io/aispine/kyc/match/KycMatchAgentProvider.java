package io.aispine.kyc.match;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentProvider;

/** Provides the {@code kyc-match} agent: a document against a booking, field by field. */
public final class KycMatchAgentProvider implements AgentProvider {

  @Override
  public String name() {
    return "kyc-match";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public String description() {
    return "Compares an identity document with a booking: names (accents, order, middle names,"
        + " transliterations), date of birth, expiry against check-in, nationality.";
  }

  @Override
  public Agent create() {
    return new KycMatchAgent();
  }
}
