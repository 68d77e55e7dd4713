package io.aispine.kyc.match;

import java.time.LocalDate;

/**
 * What a booking says about its guest.
 *
 * @param guestName full name as booked, any order, accents allowed
 * @param birthDate null when the booking has none
 * @param nationality three-letter code, null when the booking has none
 * @param checkIn the arrival date the document must still be valid on
 */
public record Booking(
    String guestName, LocalDate birthDate, String nationality, LocalDate checkIn) {}
