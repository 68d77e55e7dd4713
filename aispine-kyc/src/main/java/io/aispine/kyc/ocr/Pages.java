package io.aispine.kyc.ocr;

import io.aispine.agent.AgentException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/** The pages of a medium: an image is one page; a PDF page is its text, or its picture if none. */
final class Pages {

  /** More pages than an identity document has: the rest are not read. */
  static final int MAX_PDF_PAGES = 4;

  private static final int MIN_TEXT_CHARS = 20;

  private Pages() {}

  /** One page: text the PDF carries, or an image to recognise. */
  sealed interface Page {
    record Text(String text) implements Page {}

    record Image(BufferedImage image) implements Page {}
  }

  static List<Page> of(Media media) throws AgentException.Permanent {
    return switch (media.kind()) {
      case PNG, JPEG -> List.of(new Page.Image(image(media.bytes())));
      case PDF -> pdf(media.bytes());
    };
  }

  private static BufferedImage image(byte[] bytes) throws AgentException.Permanent {
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw OcrFailure.CORRUPT_MEDIA.error(
          "the image cannot be decoded (" + e.getMessage() + "): send the photo again");
    }
    if (image == null || image.getWidth() < 16 || image.getHeight() < 16) {
      throw OcrFailure.CORRUPT_MEDIA.error("the image cannot be decoded: send the photo again");
    }
    return image;
  }

  private static List<Page> pdf(byte[] bytes) throws AgentException.Permanent {
    try (PDDocument document = Loader.loadPDF(bytes)) {
      int count = document.getNumberOfPages();
      if (count == 0) {
        throw OcrFailure.EMPTY_PDF.error("the PDF has no pages: send the scan or a photo again");
      }
      List<Page> pages = new ArrayList<>();
      PDFTextStripper stripper = new PDFTextStripper();
      PDFRenderer renderer = new PDFRenderer(document);
      for (int i = 0; i < Math.min(count, MAX_PDF_PAGES); i++) {
        stripper.setStartPage(i + 1);
        stripper.setEndPage(i + 1);
        String text = stripper.getText(document);
        if (text.strip().length() >= MIN_TEXT_CHARS) {
          pages.add(new Page.Text(text));
        } else {
          pages.add(new Page.Image(renderer.renderImageWithDPI(i, 200, ImageType.GRAY)));
        }
      }
      return pages;
    } catch (IOException e) {
      throw OcrFailure.CORRUPT_MEDIA.error(
          "the PDF cannot be read (" + e.getMessage() + "): send it again");
    }
  }
}
