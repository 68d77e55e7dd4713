package io.aispine.secret;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Replaces the plaintext of secrets by {@value #MASK} in text and in JSON-like trees. */
public final class Redaction {

  /** What a secret's plaintext becomes. */
  public static final String MASK = "***";

  private final List<String> plaintexts;

  /** A redaction of these values; longer ones first, so that one inside another leaves no rest. */
  public Redaction(List<String> plaintexts) {
    this.plaintexts =
        plaintexts.stream()
            .filter(p -> !p.isEmpty())
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  /** True when there is nothing to redact. */
  public boolean isEmpty() {
    return plaintexts.isEmpty();
  }

  /** The text with every occurrence of a secret's plaintext masked. */
  public String text(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String plaintext : plaintexts) {
      out = out.replace(plaintext, MASK);
    }
    return out;
  }

  /** A copy of a JSON-like tree with secrets masked in every string and key. */
  public Object tree(Object tree) {
    return switch (tree) {
      case String s -> text(s);
      case Map<?, ?> map -> {
        var out = new LinkedHashMap<String, Object>(map.size() * 2);
        map.forEach((k, v) -> out.put(text(String.valueOf(k)), tree(v)));
        yield out;
      }
      case List<?> list -> {
        var out = new ArrayList<Object>(list.size());
        list.forEach(v -> out.add(tree(v)));
        yield out;
      }
      case null, default -> tree;
    };
  }
}
