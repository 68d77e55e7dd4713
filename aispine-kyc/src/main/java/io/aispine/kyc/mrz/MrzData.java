package io.aispine.kyc.mrz;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The fields of a machine-readable zone, as printed (names already split, dates decoded).
 *
 * @param format TD3 or TD1
 * @param documentCode {@code P}, {@code ID}, {@code I} … (fillers removed)
 * @param issuingState three-letter code of the issuing state
 * @param surname primary identifier, words separated by spaces
 * @param givenNames secondary identifier, words separated by spaces (may be empty)
 * @param documentNumber without fillers
 * @param nationality three-letter code
 * @param birthDate date of birth
 * @param sex {@code M}, {@code F} or {@code X} (unspecified)
 * @param expiryDate date of expiry
 * @param optionalData personal number or other optional data, without fillers (may be empty)
 */
public record MrzData(
    MrzFormat format,
    String documentCode,
    String issuingState,
    String surname,
    String givenNames,
    String documentNumber,
    String nationality,
    LocalDate birthDate,
    String sex,
    LocalDate expiryDate,
    String optionalData) {

  public MrzData {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(birthDate, "birthDate");
    Objects.requireNonNull(expiryDate, "expiryDate");
    givenNames = givenNames == null ? "" : givenNames;
    optionalData = optionalData == null ? "" : optionalData;
  }
}
