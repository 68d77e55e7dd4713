package io.aispine.kyc.synth;

import java.util.List;

/** Names as people write them, with accents, apostrophes and hyphens, and their nationalities. */
final class People {

  private People() {}

  record Person(String given, String surname, String nationality) {}

  static final List<Person> ALL =
      List.of(
          new Person("José María", "García López", "ESP"),
          new Person("Jürgen", "Müller", "DEU"),
          new Person("Zoë", "O'Brien", "IRL"),
          new Person("Søren", "Kierkegård", "DNK"),
          new Person("François", "Lefèvre", "FRA"),
          new Person("Ana Sofía", "Pérez", "MEX"),
          new Person("Björn", "Åström", "SWE"),
          new Person("Łukasz", "Wiśniewski", "POL"),
          new Person("Émilie", "Dubois-Martin", "FRA"),
          new Person("João Pedro", "Gonçalves", "PRT"),
          new Person("Mehmet", "Yılmaz", "TUR"),
          new Person("Aleksander", "Nowak", "POL"),
          new Person("Giulia", "D'Angelo", "ITA"),
          new Person("Hans-Peter", "Schäfer", "CHE"),
          new Person("Chloé", "Nguyễn", "VNM"),
          new Person("Olga", "Ivanova", "UKR"),
          new Person("Mary Jane", "Smith", "GBR"),
          new Person("Kwame", "Mensah", "GHA"),
          new Person("Fatima Zahra", "El Amrani", "MAR"),
          new Person("Henrik", "Lindqvist", "NOR"),
          new Person("Ines", "Brühl", "AUT"),
          new Person("Ricardo", "Da Silva", "BRA"),
          new Person("Yuki", "Tanaka", "JPN"),
          new Person("Priya", "Raman", "IND"),
          new Person("Siobhán", "Kelly", "IRL"),
          new Person("Nikolaos", "Papadopoulos", "GRC"),
          new Person("Astrid", "Ødegaard", "NOR"),
          new Person("Matthias", "Groß", "DEU"),
          new Person("Camille", "Bérénger", "BEL"),
          new Person("Tomás", "Ó Súilleabháin", "IRL"));
}
