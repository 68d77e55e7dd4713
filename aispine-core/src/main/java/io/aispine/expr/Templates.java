package io.aispine.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves {@code ${…}} templates inside JSON-like trees. A string that is exactly one template
 * keeps the value's type ({@code "${inputs.count}"} yields a number); templates embedded in text
 * are rendered as text. {@code $${} escapes a literal {@code ${}.
 */
public final class Templates {

  private Templates() {}

  /** True when {@code text} contains at least one template. */
  public static boolean hasTemplate(String text) {
    return text.contains("${");
  }

  /**
   * Resolves every template in a tree of maps, lists and scalars; returns a new tree.
   *
   * @throws ExpressionException when a template is malformed or fails to evaluate, or when the
   *     tree's values together weigh more than {@link ExpressionLimits#MAX_RESULT}
   */
  public static Object resolve(Object tree, Map<String, Object> names) {
    return resolve(tree, names, new JsonWeight(ExpressionLimits.MAX_RESULT), false);
  }

  /**
   * Resolves a task node's {@code with} like {@link #resolve}, except that each {@code
   * ${secrets.NAME}} stays in the result as that text and every {@code ${secrets.} coming from data
   * is escaped; see {@link SecretReferences}. The secret values themselves are put in only by the
   * worker, in the call it sends.
   */
  public static Object resolveKeepingSecrets(Object tree, Map<String, Object> names) {
    return resolve(tree, names, new JsonWeight(ExpressionLimits.MAX_RESULT), true);
  }

  private static Object resolve(
      Object tree, Map<String, Object> names, JsonWeight weight, boolean keepSecrets) {
    if (tree instanceof Map<?, ?> map) {
      var out = new LinkedHashMap<String, Object>(map.size() * 2);
      for (var entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        charge(weight, key.length() + 4);
        out.put(key, resolve(entry.getValue(), names, weight, keepSecrets));
      }
      return out;
    }
    if (tree instanceof List<?> list) {
      var out = new ArrayList<Object>(list.size());
      for (Object item : list) {
        charge(weight, 1);
        out.add(resolve(item, names, weight, keepSecrets));
      }
      return out;
    }
    Object value = tree instanceof String text ? resolveString(text, names, keepSecrets) : tree;
    // a value can be shared by many templates, so the tree may be far larger than the memory it
    // takes; weigh each value where it lands, as the JSON writer will
    if (!weight.add(value)) {
      throw tooHeavy();
    }
    return value;
  }

  private static void charge(JsonWeight weight, long characters) {
    if (!weight.addCharacters(characters)) {
      throw tooHeavy();
    }
  }

  private static ExpressionException tooHeavy() {
    return new ExpressionException(
        "",
        0,
        "the templates yield a value of more than "
            + ExpressionLimits.MAX_RESULT
            + " characters as JSON; the limit is "
            + ExpressionLimits.MAX_RESULT);
  }

  /**
   * Every expression inside the templates of a tree, in document order, without evaluating them.
   *
   * @throws ExpressionException when a template is not closed
   */
  public static List<String> expressions(Object tree) {
    var found = new ArrayList<String>();
    collect(tree, found);
    return found;
  }

  private static void collect(Object tree, List<String> found) {
    if (tree instanceof String text) {
      for (Part part : parse(text)) {
        if (part.expression) {
          found.add(part.text);
        }
      }
    } else if (tree instanceof Map<?, ?> map) {
      map.values().forEach(v -> collect(v, found));
    } else if (tree instanceof List<?> list) {
      list.forEach(v -> collect(v, found));
    }
  }

  private static Object resolveString(String text, Map<String, Object> names, boolean keepSecrets) {
    if (!hasTemplate(text)) {
      return text;
    }
    List<Part> parts = parse(text);
    if (parts.size() == 1 && parts.get(0).expression) {
      return evaluate(parts.get(0).text, names, keepSecrets);
    }
    var out = new StringBuilder();
    for (Part part : parts) {
      if (part.expression) {
        // already escaped by evaluate when it came from data
        Object value = evaluate(part.text, names, keepSecrets);
        out.append(value == null ? "" : render(value));
      } else {
        out.append(keepSecrets ? SecretReferences.escape(part.text) : part.text);
      }
      if (out.length() > ExpressionLimits.MAX_STRING) {
        throw new ExpressionException(
            text,
            0,
            "template '"
                + ExpressionLimits.quote(text)
                + "' builds a string of more than "
                + ExpressionLimits.MAX_STRING
                + " characters; the limit is "
                + ExpressionLimits.MAX_STRING);
      }
    }
    return out.toString();
  }

  /** An expression's value; a secret reference kept as its placeholder, data escaped. */
  private static Object evaluate(String expression, Map<String, Object> names, boolean keep) {
    if (!keep) {
      return Expressions.compile(expression).evaluate(names);
    }
    String secret = SecretReferences.nameIn(expression);
    return secret != null
        ? SecretReferences.placeholder(secret)
        : SecretReferences.escapeTree(Expressions.compile(expression).evaluate(names));
  }

  private static String render(Object value) {
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return Json.write(value);
    }
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return String.valueOf(d.longValue());
    }
    return String.valueOf(value);
  }

  private record Part(String text, boolean expression) {}

  private static List<Part> parse(String text) {
    var parts = new ArrayList<Part>();
    var literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = closingBrace(text, i + 2);
        if (end < 0) {
          throw new ExpressionException(
              text,
              i + 1,
              "template '"
                  + ExpressionLimits.quote(text)
                  + "' has a '${' at column "
                  + (i + 1)
                  + " without a closing '}'");
        }
        if (!literal.isEmpty()) {
          parts.add(new Part(literal.toString(), false));
          literal.setLength(0);
        }
        parts.add(new Part(text.substring(i + 2, end).trim(), true));
        i = end + 1;
      } else {
        literal.append(text.charAt(i++));
      }
    }
    if (!literal.isEmpty()) {
      parts.add(new Part(literal.toString(), false));
    }
    return parts;
  }

  /** The index of the '}' closing a template body, skipping braces inside quotes and nesting. */
  private static int closingBrace(String text, int from) {
    int depth = 0;
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
    }
    return -1;
  }
}
