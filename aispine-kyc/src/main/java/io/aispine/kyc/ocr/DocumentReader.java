package io.aispine.kyc.ocr;

import io.aispine.agent.AgentException;
import io.aispine.kyc.mrz.MrzData;
import io.aispine.kyc.mrz.MrzReader;
import io.aispine.kyc.mrz.MrzReading;
import io.aispine.kyc.mrz.PrintedFields;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an identity document from its pages: the machine-readable zone first (found on a first pass
 * over the page, then read again alone with the MRZ alphabet only), the visual zone when the zone
 * does not verify.
 */
final class DocumentReader {

  private static final Pattern DOCUMENT_WORDS =
      Pattern.compile(
          "PASSP|PASSEP|PASAPORTE|REISEPASS|IDENTIT|IDENTIDAD|PERSONALAUSWEIS|ID CARD|SURNAME|NATIONALITY|DATE OF BIRTH");

  private final TesseractPool tesseract;
  private final MrzReader mrzReader;

  DocumentReader(TesseractPool tesseract, LocalDate today) {
    this.tesseract = tesseract;
    this.mrzReader = new MrzReader(today);
  }

  DocumentReading read(Media media) throws AgentException.Permanent, InterruptedException {
    List<Pages.Page> pages = Pages.of(media);
    List<Long> millis = new ArrayList<>();
    List<String> allLines = new ArrayList<>();
    List<PageText> texts = new ArrayList<>();
    MrzReading best = null;
    double nameConfidence = 0.99;
    for (Pages.Page page : pages) {
      long start = System.nanoTime();
      PageText text =
          switch (page) {
            case Pages.Page.Text t ->
                new PageText(List.of(t.text().split("\\R")), List.of(), 0.99, null);
            case Pages.Page.Image i -> recognise(i.image());
          };
      millis.add(page instanceof Pages.Page.Image ? (System.nanoTime() - start) / 1_000_000 : 0);
      allLines.addAll(text.lines());
      texts.add(text);
      PrintedFields printed = printed(VisualZone.read(text.lines()));
      for (List<String> lines : List.of(text.mrzLines(), text.lines())) {
        MrzReading reading = lines.isEmpty() ? null : mrzReader.read(lines, printed).orElse(null);
        if (reading != null && (best == null || better(reading, best))) {
          best = reading;
          nameConfidence = text.mrzConfidence();
        }
      }
    }
    Map<String, String> visual = VisualZone.read(allLines);
    if (best != null && best.valid()) {
      return fromMrz(best, visual, nameConfidence, millis);
    }
    boolean document = best != null || !visual.isEmpty() || hasDocumentWords(allLines);
    for (int i = 0; i < texts.size() && !document; i++) {
      // Nothing found on the page as laid out: look again at its faint text, for the words or
      // the rows of a document.
      BufferedImage grey = texts.get(i).grey();
      if (grey == null) {
        continue;
      }
      long start = System.nanoTime();
      BufferedImage sharp = DocumentLayout.sharpened(grey);
      byte[] pixels = ((DataBufferByte) sharp.getRaster().getDataBuffer()).getData();
      List<TesseractPool.Line> fragments =
          tesseract
              .lines(pixels, sharp.getWidth(), sharp.getHeight(), TesseractPool.Mode.SPARSE)
              .lines();
      millis.set(i, millis.get(i) + (System.nanoTime() - start) / 1_000_000);
      List<String> words = fragments.stream().map(TesseractPool.Line::text).toList();
      allLines.addAll(words);
      document =
          hasDocumentWords(words) || DocumentLayout.hasAlignedRows(fragments, sharp.getWidth());
    }
    if (!document) {
      throw OcrFailure.NOT_A_DOCUMENT.error(
          "no identity document found in the image (no machine-readable zone, no document"
              + " labels): send a photo of the passport's photo page or of the ID card");
    }
    String kind = best != null ? best.format().documentKind() : kindFromWords(allLines);
    if (visual.keySet().containsAll(VisualZone.REQUIRED)) {
      var confidence = new LinkedHashMap<String, Double>();
      visual.keySet().forEach(k -> confidence.put(k, 0.6));
      return new DocumentReading(
          "read", kind, "visual", best, new LinkedHashMap<>(visual), confidence, millis);
    }
    return new DocumentReading("unreadable", kind, "none", best, Map.of(), Map.of(), millis);
  }

  private static boolean hasDocumentWords(List<String> lines) {
    return lines.stream().anyMatch(l -> DOCUMENT_WORDS.matcher(l.toUpperCase(Locale.ROOT)).find());
  }

  /** The visual zone's fields that may stand in for misread fields of the zone. */
  private static PrintedFields printed(Map<String, String> visual) {
    return new PrintedFields(
        visual.get("document_number"),
        date(visual.get("birth_date")),
        date(visual.get("expiry_date")));
  }

  private static LocalDate date(String iso) {
    return iso == null ? null : LocalDate.parse(iso);
  }

  private static boolean better(MrzReading candidate, MrzReading best) {
    if (candidate.valid() != best.valid()) {
      return candidate.valid();
    }
    return candidate.passedChecks() > best.passedChecks();
  }

  private static String kindFromWords(List<String> lines) {
    String text = String.join(" ", lines).toUpperCase(Locale.ROOT);
    if (text.contains("PASSPORT") || text.contains("PASSEPORT")) {
      return "passport";
    }
    return text.contains("IDENTITY") || text.contains("ID CARD") ? "id_card" : "unknown";
  }

  private static DocumentReading fromMrz(
      MrzReading mrz, Map<String, String> visual, double nameConfidence, List<Long> millis) {
    MrzData d = mrz.data();
    var fields = new LinkedHashMap<String, Object>();
    var confidence = new LinkedHashMap<String, Double>();
    // Names and nationality carry no check digit: the visual zone, set in a plainer typeface,
    // confirms them, and wins where the zone's reading is consistent with it.
    String surname = d.surname();
    String given = d.givenNames();
    double names = Math.max(0.5, Math.min(0.9, nameConfidence));
    String visualSurname = visual.get("surname");
    String visualGiven = visual.getOrDefault("given_names", "");
    String nameField = mrz.lines().get(d.format() == io.aispine.kyc.mrz.MrzFormat.TD3 ? 0 : 2);
    nameField = d.format() == io.aispine.kyc.mrz.MrzFormat.TD3 ? nameField.substring(5) : nameField;
    if (visualSurname != null
        && NameConsistency.consistent(visualSurname, visualGiven, nameField)) {
      surname = visualSurname;
      given = visualGiven;
      names = 0.99;
    }
    String nationality = d.nationality();
    double nationalityConfidence = 0.9;
    if (nationality.equals(visual.get("nationality"))) {
      nationalityConfidence = 0.99;
    } else if (visual.get("nationality") != null) {
      nationality = visual.get("nationality");
      nationalityConfidence = 0.7;
    }
    put(fields, confidence, "document_type", d.documentCode(), 0.99);
    put(fields, confidence, "issuing_country", d.issuingState(), 0.95);
    put(fields, confidence, "surname", surname, names);
    put(fields, confidence, "given_names", given, names);
    put(fields, confidence, "document_number", d.documentNumber(), 0.99);
    put(fields, confidence, "nationality", nationality, nationalityConfidence);
    put(fields, confidence, "birth_date", d.birthDate().toString(), 0.99);
    put(fields, confidence, "sex", d.sex(), 0.95);
    put(fields, confidence, "expiry_date", d.expiryDate().toString(), 0.99);
    put(fields, confidence, "personal_number", d.optionalData(), 0.99);
    return new DocumentReading(
        "read", d.format().documentKind(), "mrz", mrz, fields, confidence, millis);
  }

  private static void put(
      Map<String, Object> fields,
      Map<String, Double> confidence,
      String name,
      String value,
      double c) {
    fields.put(name, value);
    confidence.put(name, Math.round(c * 100) / 100.0);
  }

  /**
   * Text of one page: all lines, the zone's lines read again on their own, and the page in grey
   * (null for a PDF page that carried text).
   */
  private record PageText(
      List<String> lines, List<String> mrzLines, double mrzConfidence, BufferedImage grey) {}

  private PageText recognise(BufferedImage image) throws InterruptedException {
    BufferedImage grey = grey(image, image.getWidth() < 1000 ? 2.0 : 1.0);
    byte[] pixels = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
    TesseractPool.Recognition page =
        tesseract.lines(pixels, grey.getWidth(), grey.getHeight(), TesseractPool.Mode.PAGE);
    List<TesseractPool.Line> lines = page.lines();
    List<String> text = lines.stream().map(TesseractPool.Line::text).toList();
    List<TesseractPool.Line> seeds = lines.stream().filter(l -> MrzLike.test(l.text())).toList();
    if (seeds.isEmpty()) {
      return new PageText(text, List.of(), 0.5, grey);
    }
    PrintedFields printed = printed(VisualZone.read(text));
    // A zone line with few fillers (a personal number) is not a seed: take the long lines
    // next to the seeds too.
    int seedTop = seeds.stream().mapToInt(TesseractPool.Line::top).min().orElseThrow();
    int seedBottom = seeds.stream().mapToInt(TesseractPool.Line::bottom).max().orElseThrow();
    int lineHeight = seeds.getFirst().bottom() - seeds.getFirst().top();
    List<TesseractPool.Line> zone =
        lines.stream()
            .filter(
                l ->
                    l.top() >= seedTop - 2 * lineHeight
                        && l.bottom() <= seedBottom + 2 * lineHeight
                        && l.text().replaceAll("\\s", "").length() >= 20)
            .toList();
    int left = zone.stream().mapToInt(TesseractPool.Line::left).min().orElseThrow();
    int top = zone.stream().mapToInt(TesseractPool.Line::top).min().orElseThrow();
    int right = zone.stream().mapToInt(TesseractPool.Line::right).max().orElseThrow();
    int bottom = zone.stream().mapToInt(TesseractPool.Line::bottom).max().orElseThrow();
    int margin = Math.max(12, (bottom - top) / 3);
    int x = Math.max(0, left - margin);
    int y = Math.max(0, top - margin);
    int w = Math.min(grey.getWidth(), right + margin) - x;
    int h = Math.min(grey.getHeight(), bottom + margin) - y;
    BufferedImage crop = levelled(grey.getSubimage(x, y, w, h), DESKEW_SIGN * page.deskew());
    List<String> zoneText = new ArrayList<>();
    double confidence = 0.5;
    // Read at the page's scale, then once more enlarged if that did not verify: a second look
    // costs a few hundred milliseconds only for the photos that need it.
    for (double scale : new double[] {1.0, 1.5}) {
      BufferedImage attempt = scale == 1.0 ? crop : grey(crop, scale);
      byte[] cropPixels = ((DataBufferByte) attempt.getRaster().getDataBuffer()).getData();
      List<TesseractPool.Line> zoneLines =
          tesseract
              .lines(
                  cropPixels, attempt.getWidth(), attempt.getHeight(), TesseractPool.Mode.MRZ_BLOCK)
              .lines();
      zoneText = zoneLines.stream().map(TesseractPool.Line::text).toList();
      confidence =
          zoneLines.stream().mapToDouble(TesseractPool.Line::confidence).average().orElse(50) / 100;
      if (mrzReader.read(zoneText, printed).map(MrzReading::valid).orElse(false)) {
        break;
      }
    }
    return new PageText(text, zoneText, confidence, grey);
  }

  /** Tesseract gives the angle clockwise-positive; Java2D turns counter-clockwise-positive. */
  private static final double DESKEW_SIGN = -1;

  /** {@code image} turned by {@code radians} about its centre, on a white ground. */
  private static BufferedImage levelled(BufferedImage image, double radians) {
    if (Math.abs(radians) < 0.002) {
      return grey(image, 1.0);
    }
    BufferedImage out =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = out.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.rotate(radians, image.getWidth() / 2.0, image.getHeight() / 2.0);
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return out;
  }

  /** An 8-bit grey copy of {@code image}, scaled by {@code scale}. */
  private static BufferedImage grey(BufferedImage image, double scale) {
    int w = (int) Math.round(image.getWidth() * scale);
    int h = (int) Math.round(image.getHeight() * scale);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(image, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  /** Whether an OCR line looks like a line of a machine-readable zone. */
  private static final class MrzLike {
    static boolean test(String line) {
      String compact = line.replaceAll("\\s", "");
      long fillers = compact.chars().filter(c -> c == '<' || c == '«').count();
      return compact.length() >= 20 && fillers >= 2;
    }
  }
}
