package io.aispine.kyc.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.kyc.mrz.MrzData;
import io.aispine.kyc.mrz.MrzWriter;
import io.aispine.kyc.synth.GuestKind;
import io.aispine.kyc.synth.SyntheticGuest;
import io.aispine.kyc.synth.SyntheticGuests;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ocr agent on real Tesseract: a few generated photos (a few seconds), and its refusals. */
@SuppressWarnings("unchecked")
class OcrAgentTest {

  private static Agent ocr;
  private static final SyntheticGuests GUESTS = new SyntheticGuests(42);

  @BeforeAll
  static void agent() {
    ocr = new OcrAgentProvider().create();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(Map<String, Object> input) throws Exception {
    AgentResult result =
        ocr.execute(new AgentCall("e", "ocr", 1, "e/ocr/1", null, input, Map.of(), null));
    return (Map<String, Object>) ((AgentResult.Success) result).output();
  }

  private static Map<String, Object> input(byte[] bytes, String mimeType) {
    var input = new HashMap<String, Object>();
    input.put("media_base64", Base64.getEncoder().encodeToString(bytes));
    input.put("mime_type", mimeType);
    return input;
  }

  @SuppressWarnings("unchecked")
  private static void assertReadExactly(SyntheticGuest guest, Map<String, Object> out) {
    MrzData d = guest.document();
    assertThat(out).containsEntry("status", "read").containsEntry("source", "mrz");
    assertThat((Map<String, Object>) out.get("fields"))
        .containsEntry("surname", d.surname())
        .containsEntry("given_names", d.givenNames())
        .containsEntry("document_number", d.documentNumber())
        .containsEntry("birth_date", d.birthDate().toString())
        .containsEntry("expiry_date", d.expiryDate().toString())
        .containsEntry("nationality", d.nationality());
    assertThat((Map<String, Double>) out.get("confidence")).containsKeys("surname", "birth_date");
    assertThat((List<Long>) out.get("ocr_ms_per_page")).hasSize(1);
  }

  @Test
  void reads_a_generated_passport_and_id_card_exactly() throws Exception {
    SyntheticGuest passport = GUESTS.guest(0, GuestKind.VALID);
    SyntheticGuest card = GUESTS.guest(6, GuestKind.VALID);

    var passportOut = read(input(passport.image(), passport.mimeType()));
    var cardOut = read(input(card.image(), card.mimeType()));

    assertReadExactly(passport, passportOut);
    assertThat(passportOut).containsEntry("kind", "passport");
    assertReadExactly(card, cardOut);
    assertThat(cardOut).containsEntry("kind", "id_card");
  }

  @Test
  void shapes_the_fields_to_a_json_schema_and_refuses_one_they_cannot_fit() throws Exception {
    SyntheticGuest guest = GUESTS.guest(6, GuestKind.VALID);
    var input = input(guest.image(), guest.mimeType());
    input.put(
        "schema",
        Map.of(
            "type", "object",
            "required", List.of("surname", "birth_date"),
            "properties",
                Map.of(
                    "surname",
                    Map.of("type", "string"),
                    "birth_date",
                    Map.of("type", "string", "format", "date"))));

    var out = read(input);

    assertThat((Map<String, Object>) out.get("data"))
        .containsOnlyKeys("surname", "birth_date")
        .containsEntry("surname", guest.document().surname());

    input.put(
        "schema",
        Map.of(
            "type",
            "object",
            "required",
            List.of("email"),
            "properties",
            Map.of("email", Map.of("type", "string"))));
    assertThatThrownBy(() -> read(input))
        .isInstanceOf(AgentException.Permanent.class)
        .hasMessageContaining("email");
  }

  @Test
  void an_id_card_washed_out_by_glare_is_unreadable_not_a_non_document() throws Exception {
    // benchmark guest-010 (seed 2026): page layout analysis finds no text at all under the glare
    SyntheticGuest card = new SyntheticGuests(2026).guest(10, GuestKind.UNREADABLE);

    var out = read(input(card.image(), card.mimeType()));

    assertThat(out).containsEntry("status", "unreadable").containsEntry("readable", false);
  }

  @Test
  void a_passport_whose_blurred_fillers_read_as_letters_is_read_from_its_zone() throws Exception {
    // benchmark guest-108 (seed 2026): the personal number's fillers read as CCCEEC…
    SyntheticGuest passport = new SyntheticGuests(2026).guest(108, GuestKind.VALID);

    var out = read(input(passport.image(), passport.mimeType()));

    assertReadExactly(passport, out);
  }

  @Test
  void a_photo_that_is_no_document_is_refused_permanently() {
    SyntheticGuest snapshot = GUESTS.guest(5, GuestKind.NOT_A_DOCUMENT);

    assertThatThrownBy(() -> read(input(snapshot.image(), snapshot.mimeType())))
        .isInstanceOfSatisfying(
            AgentException.Permanent.class, e -> assertThat(e.code()).isEqualTo("NOT_A_DOCUMENT"))
        .hasMessageContaining("send a photo of the passport");
  }

  @Test
  void reads_the_zone_from_a_pdf_that_carries_text_without_ocr() throws Exception {
    SyntheticGuest guest = GUESTS.guest(0, GuestKind.VALID);
    byte[] pdf = pdfWithLines(MrzWriter.lines(guest.document()));

    var out = read(input(pdf, "application/pdf"));

    assertThat(out).containsEntry("source", "mrz").containsEntry("ocr_ms_per_page", List.of(0L));
    assertThat((Map<String, Object>) out.get("fields"))
        .containsEntry("document_number", guest.document().documentNumber());
  }

  @Test
  void bad_media_gets_a_permanent_error_naming_the_problem() throws Exception {
    byte[] png = GUESTS.guest(0, GuestKind.VALID).image();
    byte[] truncatedPng =
        java.util.Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 64);
    byte[] huge = new byte[Media.MAX_BYTES + 1];
    huge[0] = (byte) 0xff;
    huge[1] = (byte) 0xd8;
    huge[2] = (byte) 0xff;

    assertFailure(input(png, "image/gif"), "UNSUPPORTED_MEDIA_TYPE", "PNG or JPEG");
    assertFailure(
        input("GIF89a not an image".getBytes(), "image/png"),
        "CORRUPT_MEDIA",
        "send the photo again");
    assertFailure(input(truncatedPng, "image/png"), "CORRUPT_MEDIA", "cannot be decoded");
    assertFailure(input(huge, "image/jpeg"), "MEDIA_TOO_LARGE", "16 MiB");
    assertFailure(input(emptyPdf(), "application/pdf"), "EMPTY_PDF", "no pages");
    assertFailure(Map.of("mime_type", "image/png"), "INVALID_INPUT", "media_base64");
  }

  private static void assertFailure(Map<String, Object> input, String code, String message) {
    assertThatThrownBy(() -> read(input))
        .as(code)
        .isInstanceOfSatisfying(
            AgentException.Permanent.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(message);
  }

  private static byte[] emptyPdf() throws Exception {
    try (var doc = new PDDocument();
        var out = new ByteArrayOutputStream()) {
      doc.save(out);
      return out.toByteArray();
    }
  }

  private static byte[] pdfWithLines(String[] lines) throws Exception {
    try (var doc = new PDDocument();
        var out = new ByteArrayOutputStream()) {
      var page = new PDPage();
      doc.addPage(page);
      try (var text = new PDPageContentStream(doc, page)) {
        text.beginText();
        text.setFont(new PDType1Font(Standard14Fonts.FontName.COURIER), 10);
        text.newLineAtOffset(40, 700);
        text.showText("PASSPORT");
        for (String line : lines) {
          text.newLineAtOffset(0, -16);
          text.showText(line);
        }
        text.endText();
      }
      doc.save(out);
      return out.toByteArray();
    }
  }
}
