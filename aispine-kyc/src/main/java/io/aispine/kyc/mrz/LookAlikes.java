package io.aispine.kyc.mrz;

/** Characters OCR confuses in OCR-B, by the kind of character the position needs. */
final class LookAlikes {

  private LookAlikes() {}

  /** {@code c} read as a digit where only a digit (or a filler) can stand. */
  static char asDigit(char c) {
    return switch (c) {
      case 'O', 'Q', 'D', 'U' -> '0';
      case 'I', 'L', 'J' -> '1';
      case 'Z' -> '2';
      case 'A' -> '4';
      case 'S' -> '5';
      case 'G' -> '6';
      case 'T' -> '7';
      case 'B' -> '8';
      default -> c;
    };
  }

  /** {@code c} read as a letter where only a letter (or a filler) can stand. */
  static char asLetter(char c) {
    return switch (c) {
      case '0' -> 'O';
      case '1' -> 'I';
      case '2' -> 'Z';
      case '4' -> 'A';
      case '5' -> 'S';
      case '6' -> 'G';
      case '7' -> 'T';
      case '8' -> 'B';
      default -> c;
    };
  }

  /** The other reading of an ambiguous character, or 0 when it has none. */
  static char alternative(char c) {
    return switch (c) {
      case 'O' -> '0';
      case '0' -> 'O';
      case 'I' -> '1';
      case '1' -> 'I';
      case 'B' -> '8';
      case '8' -> 'B';
      case 'S' -> '5';
      case '5' -> 'S';
      case 'Z' -> '2';
      case '2' -> 'Z';
      case 'G' -> '6';
      case '6' -> 'G';
      default -> 0;
    };
  }
}
