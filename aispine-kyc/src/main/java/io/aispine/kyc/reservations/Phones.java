package io.aispine.kyc.reservations;

/** Phone numbers compared by their digits, however they were typed. */
final class Phones {

  private Phones() {}

  /**
   * Whether {@code a} and {@code b} are the same number: the same last nine digits (a national
   * number written with or without its country code, {@code +34 612 345 678} or {@code 612345678}).
   */
  static boolean same(String a, String b) {
    String da = digits(a);
    String db = digits(b);
    if (da.length() < 6 || db.length() < 6) {
      return false;
    }
    int n = Math.min(9, Math.min(da.length(), db.length()));
    return da.substring(da.length() - n).equals(db.substring(db.length() - n));
  }

  static String digits(String phone) {
    return phone == null ? "" : phone.replaceAll("[^0-9]", "");
  }
}
