package io.aispine.kyc.mrz;

/** The two ICAO 9303 layouts read here: lines and characters per line. */
public enum MrzFormat {
  /** Passport booklets (ID-3 size): two lines of 44. */
  TD3(2, 44, "passport"),
  /** Identity cards (ID-1 size): three lines of 30. */
  TD1(3, 30, "id_card");

  private final int lines;
  private final int width;
  private final String documentKind;

  MrzFormat(int lines, int width, String documentKind) {
    this.lines = lines;
    this.width = width;
    this.documentKind = documentKind;
  }

  /** Number of lines. */
  public int lines() {
    return lines;
  }

  /** Characters per line. */
  public int width() {
    return width;
  }

  /** What kind of document carries this layout ({@code passport}, {@code id_card}). */
  public String documentKind() {
    return documentKind;
  }
}
