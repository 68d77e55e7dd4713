package io.aispine.kyc.ocr;

import io.aispine.agent.AgentException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Media handed to the {@code ocr} agent: its bytes and their type, as sniffed from the bytes
 * themselves (a declared type must agree, or be one we read).
 */
record Media(byte[] bytes, Kind kind) {

  /** 16 MiB: WhatsApp's own limit for images and documents is lower. */
  static final int MAX_BYTES = 16 * 1024 * 1024;

  private static final Set<String> SUPPORTED =
      Set.of("image/png", "image/jpeg", "image/jpg", "application/pdf");

  enum Kind {
    PNG,
    JPEG,
    PDF
  }

  /** Decodes {@code base64} declared as {@code mimeType} (may be null). */
  static Media of(String base64, String mimeType) throws AgentException.Permanent {
    if (mimeType != null) {
      String type = mimeType.split(";")[0].trim().toLowerCase(Locale.ROOT);
      if (!SUPPORTED.contains(type)) {
        throw OcrFailure.UNSUPPORTED_MEDIA_TYPE.error(
            "media type '" + mimeType + "' is not read: send a PNG or JPEG photo, or a PDF");
      }
    }
    // Checked before decoding: base64 is 4/3 of the bytes, no need to hold both when too big.
    if ((long) base64.length() * 3 / 4 > MAX_BYTES + 2) {
      throw tooLarge((long) base64.length() * 3 / 4);
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw OcrFailure.INVALID_INPUT.error("'media_base64' is not base64: " + e.getMessage());
    }
    return of(bytes);
  }

  /** {@code bytes} with the type their first bytes show. */
  static Media of(byte[] bytes) throws AgentException.Permanent {
    if (bytes.length > MAX_BYTES) {
      throw tooLarge(bytes.length);
    }
    Kind kind = sniff(bytes);
    if (kind == null) {
      throw OcrFailure.CORRUPT_MEDIA.error(
          "the media is neither a PNG, a JPEG nor a PDF (its first bytes match none): send the"
              + " photo again");
    }
    return new Media(bytes, kind);
  }

  private static AgentException.Permanent tooLarge(long size) {
    return OcrFailure.MEDIA_TOO_LARGE.error(
        "the media is "
            + (size / (1024 * 1024))
            + " MiB, over the limit of 16 MiB: send a smaller photo");
  }

  private static Kind sniff(byte[] b) {
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
      return Kind.PNG;
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
      return Kind.JPEG;
    }
    if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
      return Kind.PDF;
    }
    return null;
  }
}
