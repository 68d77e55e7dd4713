package io.aispine.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code ${secrets.NAME}} placeholders a node's resolved input keeps instead of secret values.
 *
 * <p>Resolving a node's {@code with} leaves each reference written in the flow as the text {@code
 * ${secrets.NAME}} and escapes every {@code ${secrets.} that came from data (inputs, outputs) as
 * {@code $${secrets.}; {@link #substitute} undoes both just before the agent is called. So the
 * stored input holds no secret, and data cannot smuggle a reference to a secret into a call.
 */
public final class SecretReferences {

  /** What a secret's name may be: a letter or underscore, then up to 63 more word characters. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  /** The expression of a reference, inside {@code ${…}}. */
  private static final Pattern EXPRESSION = Pattern.compile("secrets\\.(" + NAME.pattern() + ")");

  private static final Pattern READS = Pattern.compile("\\s*secrets\\b");

  private static final String OPEN = "${secrets.";
  private static final String ESCAPED = "$${secrets.";

  private SecretReferences() {}

  /** The secret an expression names when it is exactly {@code secrets.NAME}, else null. */
  public static String nameIn(String expression) {
    var matcher = EXPRESSION.matcher(expression.strip());
    return matcher.matches() ? matcher.group(1) : null;
  }

  /** True when an expression reads the {@code secrets} root at all. */
  public static boolean readsSecrets(String expression) {
    return READS.matcher(expression).lookingAt();
  }

  /** The placeholder text of a reference to secret {@code name}. */
  static String placeholder(String name) {
    return OPEN + name + "}";
  }

  /** Data text with every {@code ${secrets.} escaped, so that it is never substituted. */
  static String escape(String text) {
    return text.contains(OPEN) ? text.replace(OPEN, ESCAPED) : text;
  }

  /** A data tree with {@link #escape} applied to every string; the same tree when none changes. */
  static Object escapeTree(Object tree) {
    return switch (tree) {
      case String text -> escape(text);
      case Map<?, ?> map -> {
        var out = new LinkedHashMap<String, Object>(map.size() * 2);
        map.forEach((k, v) -> out.put(String.valueOf(k), escapeTree(v)));
        yield out;
      }
      case List<?> list -> list.stream().map(SecretReferences::escapeTree).toList();
      case null, default -> tree;
    };
  }

  /** The names of the secrets a resolved input refers to, in order of first appearance. */
  public static Set<String> names(Object tree) {
    var names = new LinkedHashSet<String>();
    walk(tree, names);
    return names;
  }

  private static void walk(Object tree, Set<String> names) {
    if (tree instanceof String text) {
      scan(text, name -> names.add(name) ? "" : "");
    } else if (tree instanceof Map<?, ?> map) {
      map.values().forEach(v -> walk(v, names));
    } else if (tree instanceof List<?> list) {
      list.forEach(v -> walk(v, names));
    }
  }

  /**
   * A copy of a resolved input with each placeholder replaced by {@code values.apply(name)} and each
   * escaped {@code $${secrets.} turned back into the data's {@code ${secrets.}.
   */
  public static Object substitute(Object tree, Function<String, String> values) {
    return switch (tree) {
      case String text -> scan(text, values);
      case Map<?, ?> map -> {
        var out = new LinkedHashMap<String, Object>(map.size() * 2);
        map.forEach((k, v) -> out.put(String.valueOf(k), substitute(v, values)));
        yield out;
      }
      case List<?> list -> {
        var out = new ArrayList<Object>(list.size());
        list.forEach(v -> out.add(substitute(v, values)));
        yield out;
      }
      case null, default -> tree;
    };
  }

  private static String scan(String text, Function<String, String> values) {
    if (!text.contains(OPEN)) {
      return text;
    }
    var out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith(ESCAPED, i)) {
        out.append(OPEN);
        i += ESCAPED.length();
      } else if (text.startsWith(OPEN, i)) {
        int end = text.indexOf('}', i);
        String name = end < 0 ? null : text.substring(i + OPEN.length(), end);
        if (name == null || !NAME.matcher(name).matches()) {
          out.append(text.charAt(i++)); // not a placeholder this code wrote: keep it as text
        } else {
          out.append(values.apply(name));
          i = end + 1;
        }
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }
}
