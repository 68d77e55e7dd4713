package io.aispine.kyc.ocr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agents.manifest.JsonSchemas;
import io.aispine.kyc.Inputs;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an identity document from a PNG, JPEG or PDF given as {@code media_base64} (with an
 * optional {@code mime_type}), and answers with its fields, a confidence per field and, when the
 * call gives a JSON Schema as {@code schema}, the fields shaped to it as {@code data}.
 */
final class OcrAgent implements Agent {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DocumentReader reader;

  OcrAgent(TesseractPool tesseract, Clock clock) {
    this.reader = new DocumentReader(tesseract, LocalDate.now(clock));
  }

  @Override
  public AgentResult execute(AgentCall call) throws AgentException, InterruptedException {
    var in = new Inputs("ocr", call.inputMap());
    String base64 = in.string("media_base64");
    if (base64 == null) {
      throw in.invalid("media_base64", "is required: the document's bytes, base64-encoded");
    }
    Map<String, Object> schema = in.object("schema");
    Media media = Media.of(base64, in.string("mime_type"));
    DocumentReading reading = reader.read(media);
    var out = new LinkedHashMap<String, Object>();
    out.put("status", reading.status());
    out.put("readable", reading.readable());
    out.put("kind", reading.kind());
    out.put("source", reading.source());
    out.put("fields", reading.fields());
    out.put("confidence", reading.confidence());
    if (reading.mrz() != null) {
      out.put(
          "mrz",
          Map.of(
              "format", reading.mrz().format().name(),
              "lines", reading.mrz().lines(),
              "checks", reading.mrz().checks(),
              "valid", reading.mrz().valid(),
              "corrections", reading.mrz().corrections()));
    }
    out.put("pages", reading.pageMillis().size());
    out.put("ocr_ms_per_page", reading.pageMillis());
    if (!schema.isEmpty() && reading.readable()) {
      out.put("data", shaped(reading, schema));
    }
    return AgentResult.success(out);
  }

  /** The fields the schema names, checked against it. */
  private static Map<String, Object> shaped(DocumentReading reading, Map<String, Object> schema)
      throws AgentException.Permanent {
    var data = new LinkedHashMap<String, Object>();
    Object properties = schema.get("properties");
    if (properties instanceof Map<?, ?> names) {
      for (Object name : names.keySet()) {
        Object value = reading.fields().get(String.valueOf(name));
        if (value != null) {
          data.put(String.valueOf(name), value);
        }
      }
    } else {
      data.putAll(reading.fields());
    }
    String violations;
    try {
      JsonNode schemaNode = JSON.valueToTree(schema);
      violations = JsonSchemas.violations(schemaNode, JSON.valueToTree(data));
    } catch (IllegalArgumentException e) {
      throw OcrFailure.INVALID_INPUT.error(
          "input 'schema' is not a usable JSON Schema: " + e.getMessage());
    }
    if (!violations.isEmpty()) {
      throw OcrFailure.SCHEMA_MISMATCH.error(
          "the document's fields do not fit the schema ("
              + violations
              + "); fields read: "
              + reading.fields().keySet());
    }
    return data;
  }
}
