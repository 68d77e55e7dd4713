package io.aispine.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The audit log's hash chain: each entry's hash is SHA-256 over the previous entry's hash and the
 * entry's canonical JSON (keys sorted, no spaces), so editing, deleting or reordering an entry
 * breaks the chain at that entry.
 */
public final class AuditChain {

  /** The previous hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /** The hash an entry at {@code seq} after {@code prevHash} must carry. */
  public static String hash(String prevHash, long seq, AuditEvent event) {
    return sha256(prevHash + "\n" + canonical(seq, event));
  }

  /** The entry's fields as canonical JSON: every field, keys sorted, nulls written. */
  public static String canonical(long seq, AuditEvent e) {
    Map<String, Object> fields = new TreeMap<>();
    fields.put("seq", seq);
    fields.put("at", e.at().toString());
    fields.put("workspace", e.workspace());
    fields.put("key_id", e.actor().keyId());
    fields.put("role", e.actor().role());
    fields.put("source", e.actor().source());
    fields.put("action", e.action());
    fields.put("target_type", e.target() == null ? null : e.target().type());
    fields.put("target_id", e.target() == null ? null : e.target().id());
    fields.put("outcome", e.outcome().name());
    fields.put("status", e.outcome().status());
    fields.put("request_id", e.requestId());
    fields.put("before_hash", e.hashes().before());
    fields.put("after_hash", e.hashes().after());
    var json = new StringBuilder("{");
    fields.forEach(
        (name, value) -> {
          if (json.length() > 1) {
            json.append(',');
          }
          json.append(quote(name)).append(':');
          json.append(value instanceof String s ? quote(s) : String.valueOf(value));
        });
    return json.append('}').toString();
  }

  /**
   * The first place where {@code entries} (the whole log, in the order read, oldest first) is not
   * an unbroken chain, or empty when it is.
   */
  public static Optional<Break> verify(List<AuditEntry> entries) {
    var walk = new Walk();
    for (AuditEntry entry : entries) {
      Optional<Break> broken = walk.next(entry);
      if (broken.isPresent()) {
        return broken;
      }
    }
    return Optional.empty();
  }

  /**
   * Checks a log one entry at a time, oldest first, so a long log can be read in pages: each entry
   * must come next in sequence, name the previous entry's hash and match its own.
   */
  public static final class Walk {
    private String prev = GENESIS;
    private long expectedSeq = 1;

    /** How many entries have been found sound so far. */
    public long checked() {
      return expectedSeq - 1;
    }

    /** The break {@code entry} shows, or empty when it follows the entries before it. */
    public Optional<Break> next(AuditEntry entry) {
      if (entry.seq() != expectedSeq) {
        String what =
            entry.seq() > expectedSeq
                ? "entries "
                    + expectedSeq
                    + (entry.seq() - 1 > expectedSeq ? "–" + (entry.seq() - 1) : "")
                    + " are missing (deleted) before entry "
                    + entry.seq()
                : "entry " + entry.seq() + " is out of order (expected " + expectedSeq + ")";
        return Optional.of(new Break(entry.seq(), what));
      }
      if (!entry.prevHash().equals(prev)) {
        return Optional.of(
            new Break(
                entry.seq(),
                "entry "
                    + entry.seq()
                    + " does not follow the entry before it (prev_hash differs: an entry was"
                    + " deleted, reordered or its hash edited)"));
      }
      if (!hash(prev, entry.seq(), entry.event()).equals(entry.hash())) {
        return Optional.of(
            new Break(
                entry.seq(),
                "entry " + entry.seq() + " was edited (its fields no longer match its hash)"));
      }
      prev = entry.hash();
      expectedSeq++;
      return Optional.empty();
    }
  }

  /** Hex SHA-256 of the UTF-8 bytes of {@code text}. */
  public static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String quote(String text) {
    var out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Where the chain breaks: the entry named and what is wrong with it. */
  public record Break(long seq, String reason) {}
}
