package io.aispine.kyc.ocr;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentProvider;
import java.time.Clock;

/** Provides the {@code ocr} agent: identity documents read from images and PDFs. */
public final class OcrAgentProvider implements AgentProvider {

  @Override
  public String name() {
    return "ocr";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public String description() {
    return "Reads identity documents (PNG, JPEG, PDF): ICAO 9303 MRZ with check digits, visual zone"
        + " as fallback; fields with a confidence each, shaped to an optional JSON Schema.";
  }

  @Override
  public Agent create() {
    return new OcrAgent(
        new TesseractPool(Runtime.getRuntime().availableProcessors()), Clock.systemUTC());
  }
}
