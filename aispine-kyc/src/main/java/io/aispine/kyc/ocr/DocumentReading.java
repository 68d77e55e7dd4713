package io.aispine.kyc.ocr;

import io.aispine.kyc.mrz.MrzReading;
import java.util.List;
import java.util.Map;

/**
 * What the {@code ocr} agent read from one medium.
 *
 * @param status {@code read}, or {@code unreadable} for a document whose fields could not be read
 * @param kind {@code passport}, {@code id_card} or {@code unknown}
 * @param source {@code mrz}, {@code visual} or {@code none}
 * @param mrz the best machine-readable zone found, or null
 * @param fields field name to value (dates as ISO strings)
 * @param confidence field name to 0..1
 * @param pageMillis OCR time of each page, in milliseconds (0 for a PDF page that carried text)
 */
record DocumentReading(
    String status,
    String kind,
    String source,
    MrzReading mrz,
    Map<String, Object> fields,
    Map<String, Double> confidence,
    List<Long> pageMillis) {

  DocumentReading {
    fields = Map.copyOf(fields);
    confidence = Map.copyOf(confidence);
    pageMillis = List.copyOf(pageMillis);
  }

  boolean readable() {
    return "read".equals(status);
  }
}
