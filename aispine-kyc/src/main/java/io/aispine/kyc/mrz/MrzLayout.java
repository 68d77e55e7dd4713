package io.aispine.kyc.mrz;

import static io.aispine.kyc.mrz.FieldType.ALPHA;
import static io.aispine.kyc.mrz.FieldType.ALPHANUMERIC;
import static io.aispine.kyc.mrz.FieldType.NAME;
import static io.aispine.kyc.mrz.FieldType.NUMERIC;
import static io.aispine.kyc.mrz.FieldType.SEX;

import java.util.List;

/** The fields and check digits of each layout (ICAO 9303 parts 4 and 5). */
final class MrzLayout {

  private MrzLayout() {}

  private static final Field TD3_CODE = new Field(0, 0, 2, NAME);
  private static final Field TD3_STATE = new Field(0, 2, 5, ALPHA);
  private static final Field TD3_NAMES = new Field(0, 5, 44, NAME);
  private static final Field TD3_NUMBER = new Field(1, 0, 9, ALPHANUMERIC);
  private static final Field TD3_NUMBER_CHECK = new Field(1, 9, 10, NUMERIC);
  private static final Field TD3_NATIONALITY = new Field(1, 10, 13, ALPHA);
  private static final Field TD3_BIRTH = new Field(1, 13, 19, NUMERIC);
  private static final Field TD3_BIRTH_CHECK = new Field(1, 19, 20, NUMERIC);
  private static final Field TD3_SEX = new Field(1, 20, 21, SEX);
  private static final Field TD3_EXPIRY = new Field(1, 21, 27, NUMERIC);
  private static final Field TD3_EXPIRY_CHECK = new Field(1, 27, 28, NUMERIC);
  private static final Field TD3_PERSONAL = new Field(1, 28, 42, ALPHANUMERIC);
  private static final Field TD3_PERSONAL_CHECK = new Field(1, 42, 43, ALPHANUMERIC);
  private static final Field TD3_COMPOSITE_CHECK = new Field(1, 43, 44, NUMERIC);

  private static final Field TD1_CODE = new Field(0, 0, 2, NAME);
  private static final Field TD1_STATE = new Field(0, 2, 5, ALPHA);
  private static final Field TD1_NUMBER = new Field(0, 5, 14, ALPHANUMERIC);
  private static final Field TD1_NUMBER_CHECK = new Field(0, 14, 15, NUMERIC);
  private static final Field TD1_OPTIONAL1 = new Field(0, 15, 30, ALPHANUMERIC);
  private static final Field TD1_BIRTH = new Field(1, 0, 6, NUMERIC);
  private static final Field TD1_BIRTH_CHECK = new Field(1, 6, 7, NUMERIC);
  private static final Field TD1_SEX = new Field(1, 7, 8, SEX);
  private static final Field TD1_EXPIRY = new Field(1, 8, 14, NUMERIC);
  private static final Field TD1_EXPIRY_CHECK = new Field(1, 14, 15, NUMERIC);
  private static final Field TD1_NATIONALITY = new Field(1, 15, 18, ALPHA);
  private static final Field TD1_OPTIONAL2 = new Field(1, 18, 29, ALPHANUMERIC);
  private static final Field TD1_COMPOSITE_CHECK = new Field(1, 29, 30, NUMERIC);
  private static final Field TD1_NAMES = new Field(2, 0, 30, NAME);

  static List<Field> fields(MrzFormat format) {
    return switch (format) {
      case TD3 ->
          List.of(
              TD3_CODE,
              TD3_STATE,
              TD3_NAMES,
              TD3_NUMBER,
              TD3_NUMBER_CHECK,
              TD3_NATIONALITY,
              TD3_BIRTH,
              TD3_BIRTH_CHECK,
              TD3_SEX,
              TD3_EXPIRY,
              TD3_EXPIRY_CHECK,
              TD3_PERSONAL,
              TD3_PERSONAL_CHECK,
              TD3_COMPOSITE_CHECK);
      case TD1 ->
          List.of(
              TD1_CODE,
              TD1_STATE,
              TD1_NUMBER,
              TD1_NUMBER_CHECK,
              TD1_OPTIONAL1,
              TD1_BIRTH,
              TD1_BIRTH_CHECK,
              TD1_SEX,
              TD1_EXPIRY,
              TD1_EXPIRY_CHECK,
              TD1_NATIONALITY,
              TD1_OPTIONAL2,
              TD1_COMPOSITE_CHECK,
              TD1_NAMES);
    };
  }

  /** The check digits, the composite last so that it sees the other fields settled. */
  static List<Check> checks(MrzFormat format) {
    return switch (format) {
      case TD3 ->
          List.of(
              new Check("document_number", List.of(TD3_NUMBER), 1, 9, false),
              new Check("birth_date", List.of(TD3_BIRTH), 1, 19, false),
              new Check("expiry_date", List.of(TD3_EXPIRY), 1, 27, false),
              new Check("personal_number", List.of(TD3_PERSONAL), 1, 42, true),
              new Check(
                  "composite",
                  List.of(
                      TD3_NUMBER,
                      TD3_NUMBER_CHECK,
                      TD3_BIRTH,
                      TD3_BIRTH_CHECK,
                      TD3_EXPIRY,
                      TD3_EXPIRY_CHECK,
                      TD3_PERSONAL,
                      TD3_PERSONAL_CHECK),
                  1,
                  43,
                  false));
      case TD1 ->
          List.of(
              new Check("document_number", List.of(TD1_NUMBER), 0, 14, false),
              new Check("birth_date", List.of(TD1_BIRTH), 1, 6, false),
              new Check("expiry_date", List.of(TD1_EXPIRY), 1, 14, false),
              new Check(
                  "composite",
                  List.of(
                      TD1_NUMBER,
                      TD1_NUMBER_CHECK,
                      TD1_OPTIONAL1,
                      TD1_BIRTH,
                      TD1_BIRTH_CHECK,
                      TD1_EXPIRY,
                      TD1_EXPIRY_CHECK,
                      TD1_OPTIONAL2),
                  1,
                  29,
                  false));
    };
  }
}
