package io.aispine.kyc.match;

/**
 * The comparison of one field.
 *
 * @param field {@code name}, {@code birth_date}, {@code expiry}, {@code nationality}, {@code
 *     document}
 * @param outcome the verdict this field alone leads to
 * @param score 0..1
 * @param reason why, for the front desk
 */
public record FieldResult(String field, Verdict outcome, double score, String reason) {}
