package io.aispine.kyc.synth;

import io.aispine.kyc.mrz.MrzData;
import io.aispine.kyc.reservations.Reservation;

/**
 * One generated guest: the document they send, the booking the hotel holds, and what the pipeline
 * must conclude.
 *
 * @param id stable id ({@code guest-007})
 * @param kind the situation
 * @param document what the document's MRZ says (for a not-a-document guest: the booked identity)
 * @param reservation the hotel's booking
 * @param image the photo the guest sends
 * @param mimeType {@code image/png} or {@code image/jpeg}
 */
public record SyntheticGuest(
    String id,
    GuestKind kind,
    MrzData document,
    Reservation reservation,
    byte[] image,
    String mimeType) {}
