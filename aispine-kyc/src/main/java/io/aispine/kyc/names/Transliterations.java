package io.aispine.kyc.names;

/**
 * A key equal for the common Latin transliterations of one name: Aleksander and Alexander, Yuri and
 * Juri, Philip and Filip, Matthew and Mathew. Vowels are kept: Maria is not Mario.
 */
final class Transliterations {

  private Transliterations() {}

  static String key(String word) {
    String k = word;
    k = k.replace("KS", "X").replace("PH", "F").replace("TH", "T").replace("CK", "K");
    k = k.replace("W", "V").replace("Y", "I").replace("J", "I").replace("C", "K");
    k = k.replace("OU", "U").replace("EE", "I");
    k = k.replaceAll("(.)\\1", "$1");
    return k;
  }
}
