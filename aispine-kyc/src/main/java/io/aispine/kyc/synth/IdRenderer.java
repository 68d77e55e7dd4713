package io.aispine.kyc.synth;

import io.aispine.kyc.mrz.MrzData;
import io.aispine.kyc.mrz.MrzFormat;
import io.aispine.kyc.mrz.MrzWriter;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

/**
 * Draws ID photos: a passport page (TD3) or an identity card (TD1) with a photo box, a visual zone
 * and a machine-readable zone, photographed slightly rotated, with noise and blur; or a snapshot
 * that is no document at all.
 *
 * <p>The MRZ is set in OCR-B (Debian's {@code fonts-ocr-b}) when installed, else in the JDK's
 * monospaced font: both are free, and nothing is bundled.
 */
final class IdRenderer {

  /** Where Debian installs OCR-B; {@code AISPINE_MRZ_FONT} names another file. */
  static final Path OCR_B = Path.of("/usr/share/fonts/opentype/ocr-b/OCRB.otf");

  private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  private final Font mrzFont = mrzFont();

  /** An encoded photo. */
  record Photo(byte[] bytes, String mimeType) {}

  Photo document(MrzData data, Random random, boolean washedOut) {
    boolean passport = data.format() == MrzFormat.TD3;
    int width = passport ? 1250 : 1030;
    int height = passport ? 880 : 650;
    BufferedImage card = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = card.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    background(g, width, height, random);
    g.setColor(new Color(30, 40, 80));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, passport ? 44 : 40));
    g.drawString(passport ? "PASSPORT / PASSEPORT" : "IDENTITY CARD", 40, 64);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
    g.drawString(data.issuingState(), width - 120, 60);
    int photoW = passport ? 300 : 250;
    int photoH = passport ? 380 : 310;
    portrait(g, 40, 100, photoW, photoH, random);
    int x = 40 + photoW + 40;
    int y = 120;
    int step = passport ? 48 : 40;
    g.setColor(new Color(20, 20, 20));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, passport ? 28 : 24));
    String numberLabel = passport ? "Passport No: " : "Document No: ";
    String[] viz = {
      numberLabel + data.documentNumber(),
      "Surname: " + data.surname(),
      "Given names: " + data.givenNames(),
      "Nationality: " + data.nationality(),
      "Date of birth: " + data.birthDate().format(DOTTED),
      "Sex: " + data.sex(),
      "Date of expiry: " + data.expiryDate().format(DOTTED)
    };
    for (String line : viz) {
      g.drawString(line, x, y);
      y += step;
    }
    mrz(g, MrzWriter.lines(data), width, height);
    if (washedOut) {
      glare(g, width, height, x, random);
    }
    g.dispose();
    BufferedImage photo = photograph(card, random, washedOut);
    return encode(photo, random);
  }

  Photo snapshot(Random random) {
    int width = 1000 + random.nextInt(200);
    int height = 700 + random.nextInt(100);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(
        new GradientPaint(
            0, 0, new Color(90, 150, 230), 0, height * 0.6f, new Color(200, 225, 250)));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(250, 210, 60));
    int sun = 80 + random.nextInt(60);
    g.fillOval(random.nextInt(width - sun), 30 + random.nextInt(100), sun, sun);
    g.setColor(new Color(40 + random.nextInt(40), 120 + random.nextInt(60), 60));
    g.fillRect(0, (int) (height * 0.65), width, height);
    for (int i = 0; i < 6 + random.nextInt(6); i++) {
      g.setColor(new Color(random.nextInt(200), random.nextInt(200), random.nextInt(200)));
      int w = 60 + random.nextInt(160);
      int h = 80 + random.nextInt(260);
      g.fillRect(random.nextInt(width - w), (int) (height * 0.65) - h, w, h);
    }
    if (random.nextBoolean()) {
      g.setColor(Color.WHITE);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 48));
      g.drawString(
          random.nextBoolean() ? "Greetings from the beach!" : "Breakfast 7:00 - 10:30",
          60,
          height - 60);
    }
    g.dispose();
    return encode(photograph(image, random, false), random);
  }

  private static void background(Graphics2D g, int width, int height, Random random) {
    Color tint = Color.getHSBColor(random.nextFloat(), 0.12f, 0.97f);
    g.setPaint(new GradientPaint(0, 0, tint, width, height, Color.WHITE));
    g.fillRect(0, 0, width, height);
    // Guilloche-like waves, light enough to stay behind the text.
    g.setStroke(new BasicStroke(1.2f));
    g.setColor(new Color(tint.getRed() - 25, tint.getGreen() - 25, tint.getBlue() - 10));
    double phase = random.nextDouble() * Math.PI;
    for (int k = 0; k < 14; k++) {
      int baseline = 40 + k * (height - 260) / 14;
      int prevX = 0;
      int prevY = baseline;
      for (int px = 8; px < width; px += 8) {
        int py = baseline + (int) (10 * Math.sin(px / 45.0 + phase + k));
        g.drawLine(prevX, prevY, px, py);
        prevX = px;
        prevY = py;
      }
    }
  }

  private static void portrait(Graphics2D g, int x, int y, int w, int h, Random random) {
    g.setColor(new Color(200, 205, 210));
    g.fillRect(x, y, w, h);
    g.setColor(
        new Color(120 + random.nextInt(60), 90 + random.nextInt(50), 70 + random.nextInt(40)));
    g.fillOval(x + w / 4, y + h / 8, w / 2, h / 2);
    g.setColor(new Color(40 + random.nextInt(80), 50, 90));
    g.fillRoundRect(x + w / 8, y + (int) (h * 0.62), w * 3 / 4, h / 2, w / 3, w / 3);
    g.setColor(new Color(90, 90, 90));
    g.drawRect(x, y, w, h);
  }

  private void mrz(Graphics2D g, String[] lines, int width, int height) {
    int margin = 40;
    int bandTop = height - (lines.length == 2 ? 190 : 230);
    g.setColor(new Color(252, 252, 250));
    g.fillRect(0, bandTop, width, height - bandTop);
    Font font = fitted(lines[0].length(), width - 2 * margin, g);
    g.setFont(font);
    g.setColor(new Color(15, 15, 15));
    int lineHeight = (int) (font.getSize2D() * 1.5);
    int y =
        bandTop
            + (height - bandTop - lineHeight * (lines.length - 1)) / 2
            + (int) (font.getSize2D() * 0.35);
    for (String line : lines) {
      g.drawString(line, margin, y);
      y += lineHeight;
    }
  }

  private Font fitted(int chars, int width, Graphics2D g) {
    float size = 40f;
    Font font = mrzFont.deriveFont(size);
    int measured = g.getFontMetrics(font).stringWidth("<".repeat(chars));
    return mrzFont.deriveFont(size * width / measured);
  }

  /** A flash reflection over both zones, as a glossy card under a lamp gives. */
  private static void glare(Graphics2D g, int width, int height, int vizLeft, Random random) {
    float[] fractions = {0f, 0.7f, 1f};
    Color[] colors = {
      new Color(255, 255, 255, 255), new Color(255, 255, 255, 245), new Color(255, 255, 255, 0)
    };
    int cx = width / 2 + random.nextInt(80) - 40;
    g.setPaint(new RadialGradientPaint(cx, height - 120f, width * 0.55f, fractions, colors));
    g.fillRect(0, height - 300, width, 300);
    g.setPaint(
        new RadialGradientPaint(vizLeft + 250f, height / 2.6f, width * 0.35f, fractions, colors));
    g.fillRect(vizLeft - 10, 80, width - vizLeft, height - 300);
  }

  /** The card photographed: on a table, turned by up to 2°, with sensor noise and a little blur. */
  private static BufferedImage photograph(BufferedImage card, Random random, boolean washedOut) {
    int margin = 30 + random.nextInt(50);
    int width = card.getWidth() + 2 * margin;
    int height = card.getHeight() + 2 * margin;
    BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = photo.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(90 + random.nextInt(40), 60 + random.nextInt(30), 40));
    g.fillRect(0, 0, width, height);
    double angle = Math.toRadians((random.nextDouble() * 2 - 1) * 2.0);
    AffineTransform turn = AffineTransform.getRotateInstance(angle, width / 2.0, height / 2.0);
    turn.translate(margin, margin);
    g.drawImage(card, turn, null);
    g.dispose();
    noise(photo, random, 6 + random.nextInt(6));
    int blur = washedOut ? 7 : random.nextInt(3) == 0 ? 3 : 1;
    return blur > 1 ? blur(photo, blur) : photo;
  }

  private static void noise(BufferedImage image, Random random, int sigma) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int n = (int) (random.nextGaussian() * sigma);
        int r = clamp(((rgb >> 16) & 0xff) + n);
        int gr = clamp(((rgb >> 8) & 0xff) + n);
        int b = clamp((rgb & 0xff) + n);
        image.setRGB(x, y, (r << 16) | (gr << 8) | b);
      }
    }
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  private static BufferedImage blur(BufferedImage image, int size) {
    float[] kernel = new float[size * size];
    Arrays.fill(kernel, 1f / kernel.length);
    return new ConvolveOp(new Kernel(size, size, kernel), ConvolveOp.EDGE_NO_OP, null)
        .filter(image, null);
  }

  private static Photo encode(BufferedImage image, Random random) {
    boolean jpeg = random.nextBoolean();
    var out = new ByteArrayOutputStream();
    try {
      if (!jpeg) {
        ImageIO.write(image, "png", out);
        return new Photo(out.toByteArray(), "image/png");
      }
      ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.85f);
      try (var stream = ImageIO.createImageOutputStream(out)) {
        writer.setOutput(stream);
        writer.write(null, new IIOImage(image, null, null), param);
      }
      writer.dispose();
      return new Photo(out.toByteArray(), "image/jpeg");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Font mrzFont() {
    String configured = System.getenv("AISPINE_MRZ_FONT");
    Path file = configured != null && !configured.isBlank() ? Path.of(configured) : OCR_B;
    if (Files.isRegularFile(file)) {
      try {
        return Font.createFont(Font.TRUETYPE_FONT, file.toFile());
      } catch (FontFormatException | IOException e) {
        throw new IllegalStateException(
            "cannot load the MRZ font " + file + ": " + e.getMessage(), e);
      }
    }
    return new Font(Font.MONOSPACED, Font.PLAIN, 40);
  }
}
