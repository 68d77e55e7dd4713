package io.aispine.kyc.match;

import java.time.LocalDate;

/**
 * What a document says about its holder.
 *
 * @param surname as printed (MRZ words)
 * @param givenNames as printed, possibly empty
 * @param birthDate date of birth, null when unread
 * @param expiryDate date of expiry, null when unread
 * @param nationality three-letter code, null when unread
 * @param verified whether the fields come from a zone whose check digits all verified (false for a
 *     visual zone read alone)
 */
public record Identity(
    String surname,
    String givenNames,
    LocalDate birthDate,
    LocalDate expiryDate,
    String nationality,
    boolean verified) {}
