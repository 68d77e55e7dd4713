package io.aispine.kyc.mrz;

/** A field of the zone: positions {@code [start, end)} of line {@code line}, of a type. */
record Field(int line, int start, int end, FieldType type) {}
