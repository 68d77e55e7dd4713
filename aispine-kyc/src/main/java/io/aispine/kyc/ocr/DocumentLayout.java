package io.aispine.kyc.ocr;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a photo has the layout of a document when its words cannot be read: rows of printed text
 * stacked at a regular pitch and aligned on a common left or right edge, as the labels of a visual
 * zone and the lines of a machine-readable zone are. A snapshot's scattered text has no such rows.
 *
 * <p>Glare washes a document out to faint grey on near-white, which Tesseract's page layout
 * analysis reads as an empty page; {@link #sharpened} lifts that faint ink back to black by
 * comparing each pixel with its neighbourhood instead of with a fixed level.
 */
final class DocumentLayout {

  /** Rows that make a layout: three lines of a zone, or three labels. */
  private static final int ROWS = 3;

  private DocumentLayout() {}

  /**
   * Whether at least three text fragments (of two characters or more) line up on a left or right
   * edge, one below the other at a regular pitch.
   */
  static boolean hasAlignedRows(List<TesseractPool.Line> fragments, int imageWidth) {
    // Printed rows are at least a sixtieth of the width tall; what noise makes Tesseract see as
    // text is a few pixels high.
    int minHeight = Math.max(12, imageWidth / 60);
    List<TesseractPool.Line> words =
        fragments.stream()
            .filter(l -> l.bottom() - l.top() >= minHeight)
            .filter(l -> l.text().replaceAll("[^A-Za-z0-9<]", "").length() >= 2)
            .toList();
    int tolerance = Math.max(12, imageWidth / 60);
    for (TesseractPool.Line anchor : words) {
      if (stacked(words, anchor, tolerance, true) || stacked(words, anchor, tolerance, false)) {
        return true;
      }
    }
    return false;
  }

  private static boolean stacked(
      List<TesseractPool.Line> words, TesseractPool.Line anchor, int tolerance, boolean left) {
    List<TesseractPool.Line> column = new ArrayList<>();
    for (TesseractPool.Line w : words) {
      int edge = left ? w.left() : w.right();
      if (Math.abs(edge - (left ? anchor.left() : anchor.right())) <= tolerance) {
        column.add(w);
      }
    }
    column.sort(Comparator.comparingInt(TesseractPool.Line::top));
    for (int i = 0; i + ROWS <= column.size(); i++) {
      if (regular(column.subList(i, i + ROWS))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Consecutive rows of like height (within half), none overlapping the next, at pitches within a
   * third of each other.
   */
  private static boolean regular(List<TesseractPool.Line> rows) {
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int i = 1; i < rows.size(); i++) {
      TesseractPool.Line above = rows.get(i - 1);
      TesseractPool.Line below = rows.get(i);
      int pitch = below.top() - above.top();
      int a = above.bottom() - above.top();
      int b = below.bottom() - below.top();
      int height = Math.max(a, b);
      if (pitch < height || pitch > 4 * height || 2 * Math.max(a, b) > 3 * Math.min(a, b)) {
        return false;
      }
      min = Math.min(min, pitch);
      max = Math.max(max, pitch);
    }
    return max * 3 <= min * 4;
  }

  /**
   * {@code grey} (8-bit) with each pixel's difference from the mean of its 31 × 31 neighbourhood
   * amplified: faint strokes under glare become dark, flat areas white. The pixel is taken as the
   * mean of its 3 × 3 neighbours, so that sensor noise is not amplified into specks.
   */
  static BufferedImage sharpened(BufferedImage grey) {
    int w = grey.getWidth();
    int h = grey.getHeight();
    byte[] in = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
    long[] sums = new long[(w + 1) * (h + 1)];
    for (int y = 0; y < h; y++) {
      long row = 0;
      for (int x = 0; x < w; x++) {
        row += in[y * w + x] & 0xff;
        sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + row;
      }
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    byte[] pixels = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double value = 255 + 6 * (mean(sums, w, h, x, y, 1) - mean(sums, w, h, x, y, 15));
        pixels[y * w + x] = (byte) Math.max(0, Math.min(255, (int) value));
      }
    }
    return out;
  }

  /** The mean of the (2r+1)² neighbourhood of (x, y), from the summed-area table {@code sums}. */
  private static double mean(long[] sums, int w, int h, int x, int y, int r) {
    int x0 = Math.max(0, x - r);
    int x1 = Math.min(w, x + r + 1);
    int y0 = Math.max(0, y - r);
    int y1 = Math.min(h, y + r + 1);
    long sum =
        sums[y1 * (w + 1) + x1]
            - sums[y0 * (w + 1) + x1]
            - sums[y1 * (w + 1) + x0]
            + sums[y0 * (w + 1) + x0];
    return (double) sum / ((x1 - x0) * (y1 - y0));
  }
}
