package io.aispine.kyc.ocr;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.TessBaseAPI;
import org.bytedeco.tesseract.global.tesseract;

/**
 * Tesseract handles, lent one at a time: a handle is not thread-safe, and creating one loads the
 * model (a few hundred milliseconds), so a fixed number (one per core) is created lazily and
 * reused. A call waits for a free handle rather than oversubscribing the cores.
 */
final class TesseractPool {

  private final BlockingQueue<TessBaseAPI> idle;
  private final AtomicInteger created = new AtomicInteger();
  private final int size;
  private Path tessdata;

  TesseractPool(int size) {
    this.size = size;
    this.idle = new ArrayBlockingQueue<>(size);
  }

  /** A line of recognised text with its box and Tesseract's confidence (0–100). */
  record Line(String text, int left, int top, int right, int bottom, float confidence) {}

  /** How a page is to be read. */
  record Mode(int pageSegmentation, String whitelist) {
    static final Mode PAGE = new Mode(tesseract.PSM_AUTO, "");

    /** Scattered text, without the page layout analysis that glare defeats. */
    static final Mode SPARSE = new Mode(tesseract.PSM_SPARSE_TEXT, "");

    static final Mode MRZ_BLOCK =
        new Mode(tesseract.PSM_SINGLE_BLOCK, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<");
  }

  /** The lines of a page and the angle (radians) Tesseract would turn it by to level them. */
  record Recognition(java.util.List<Line> lines, float deskew) {}

  /**
   * Recognises the 8-bit grey image {@code pixels} ({@code width} × {@code height}) line by line.
   */
  Recognition lines(byte[] pixels, int width, int height, Mode mode) throws InterruptedException {
    TessBaseAPI api = borrow();
    try {
      api.SetPageSegMode(mode.pageSegmentation());
      api.SetVariable("tessedit_char_whitelist", mode.whitelist());
      api.SetImage(pixels, width, height, 1, width);
      api.SetSourceResolution(300);
      if (api.Recognize(null) != 0) {
        return new Recognition(java.util.List.of(), 0);
      }
      var out = new java.util.ArrayList<Line>();
      ResultIterator it = api.GetIterator();
      if (it == null) {
        return new Recognition(out, 0);
      }
      int[] orientation = new int[1], direction = new int[1], order = new int[1];
      float[] deskew = new float[1];
      it.Orientation(orientation, direction, order, deskew);
      int level = tesseract.RIL_TEXTLINE;
      int[] l = new int[1], t = new int[1], r = new int[1], b = new int[1];
      do {
        BytePointer text = it.GetUTF8Text(level);
        if (text == null) {
          continue;
        }
        String s = text.getString().strip();
        text.deallocate();
        if (s.isEmpty()) {
          continue;
        }
        it.BoundingBox(level, l, t, r, b);
        out.add(new Line(s, l[0], t[0], r[0], b[0], it.Confidence(level)));
      } while (it.Next(level));
      it.deallocate();
      return new Recognition(out, deskew[0]);
    } finally {
      api.Clear();
      idle.add(api);
    }
  }

  private TessBaseAPI borrow() throws InterruptedException {
    TessBaseAPI api = idle.poll();
    if (api != null) {
      return api;
    }
    if (created.incrementAndGet() <= size) {
      return open();
    }
    created.decrementAndGet();
    return idle.take();
  }

  private TessBaseAPI open() {
    synchronized (this) {
      // Extracted on first use, not when agents load: a server that never reads a document
      // never writes the model.
      if (tessdata == null) {
        tessdata = Tessdata.directory();
      }
    }
    TessBaseAPI api = new TessBaseAPI();
    if (api.Init(tessdata.toString(), "eng") != 0) {
      created.decrementAndGet();
      api.close();
      throw new IllegalStateException("Tesseract could not load eng.traineddata from " + tessdata);
    }
    // Dictionaries push MRZ text towards words; the zone has none.
    api.SetVariable("load_system_dawg", "0");
    api.SetVariable("load_freq_dawg", "0");
    return api;
  }
}
