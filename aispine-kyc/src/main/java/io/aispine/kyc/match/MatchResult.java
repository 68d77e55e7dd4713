package io.aispine.kyc.match;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The matcher's answer: a weighted score, the strictest field verdict, and the reasons field by
 * field.
 */
public record MatchResult(double score, Verdict verdict, List<FieldResult> fields) {

  public MatchResult {
    fields = List.copyOf(fields);
  }

  /** As the {@code kyc-match} agent's output. */
  public Map<String, Object> toOutput() {
    var out = new LinkedHashMap<String, Object>();
    out.put("score", Math.round(score * 1000) / 1000.0);
    out.put("verdict", verdict.wireName());
    var reasons = new LinkedHashMap<String, Object>();
    for (FieldResult f : fields) {
      reasons.put(
          f.field(),
          Map.of("outcome", f.outcome().wireName(), "score", f.score(), "reason", f.reason()));
    }
    out.put("reasons", reasons);
    return out;
  }
}
