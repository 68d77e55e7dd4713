package io.aispine.llm;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What models cost, in US dollars per million prompt and completion tokens: defaults for well-known
 * models (list prices of 2026-12), overridden by {@code AISPINE_LLM_PRICES} ({@code
 * model=in/out,model=in/out}). A model with no price costs 0 and is named in the docs' advice: set
 * its price. A price keyed {@code gpt-4o} also prices {@code gpt-4o-2024-08-06}: the longest known
 * prefix of a model's name wins.
 */
public final class PriceTable {

  /** Environment variable with price overrides. */
  public static final String ENV = "AISPINE_LLM_PRICES";

  /** A model's price per million tokens. */
  public record Price(double usdPerMillionPrompt, double usdPerMillionCompletion) {
    public Price {
      if (!(usdPerMillionPrompt >= 0) || !(usdPerMillionCompletion >= 0)) {
        throw new IllegalArgumentException("prices are 0 or more");
      }
    }

    /** The cost of a call with these token counts. */
    public double cost(long promptTokens, long completionTokens) {
      return (promptTokens * usdPerMillionPrompt + completionTokens * usdPerMillionCompletion)
          / 1_000_000.0;
    }
  }

  private static final Map<String, Price> DEFAULTS =
      Map.ofEntries(
          Map.entry("gpt-4o", new Price(2.50, 10.00)),
          Map.entry("gpt-4o-mini", new Price(0.15, 0.60)),
          Map.entry("gpt-4.1", new Price(2.00, 8.00)),
          Map.entry("gpt-4.1-mini", new Price(0.40, 1.60)),
          Map.entry("gpt-4.1-nano", new Price(0.10, 0.40)),
          Map.entry("o3", new Price(2.00, 8.00)),
          Map.entry("o4-mini", new Price(1.10, 4.40)),
          Map.entry("claude-opus-4", new Price(15.00, 75.00)),
          Map.entry("claude-sonnet-4", new Price(3.00, 15.00)),
          Map.entry("claude-3-5-haiku", new Price(0.80, 4.00)),
          Map.entry("claude-haiku-4", new Price(1.00, 5.00)),
          Map.entry("gemini-2.5-pro", new Price(1.25, 10.00)),
          Map.entry("gemini-2.5-flash", new Price(0.30, 2.50)));

  private final Map<String, Price> prices;

  private PriceTable(Map<String, Price> prices) {
    this.prices = Map.copyOf(prices);
  }

  /** The defaults only. */
  public static PriceTable defaults() {
    return new PriceTable(DEFAULTS);
  }

  /** The defaults with the overrides of {@value #ENV}. */
  public static PriceTable fromEnvironment() {
    return defaults().with(parse(System.getenv(ENV)));
  }

  /** These prices with {@code overrides} in place of (or beside) them. */
  public PriceTable with(Map<String, Price> overrides) {
    var merged = new HashMap<>(prices);
    merged.putAll(overrides);
    return new PriceTable(merged);
  }

  /** The price of {@code model}: its own, or that of the longest known prefix of its name. */
  public Optional<Price> priceOf(String model) {
    if (model == null) {
      return Optional.empty();
    }
    String best = null;
    for (String known : prices.keySet()) {
      if (model.startsWith(known) && (best == null || known.length() > best.length())) {
        best = known;
      }
    }
    return Optional.ofNullable(best).map(prices::get);
  }

  /** The cost of a call; 0 for a model without a price. */
  public double cost(String model, long promptTokens, long completionTokens) {
    return priceOf(model).map(p -> p.cost(promptTokens, completionTokens)).orElse(0.0);
  }

  /**
   * Reads {@code model=in/out,model=in/out} (dollars per million tokens).
   *
   * @throws IllegalArgumentException naming the entry that is not of that form
   */
  public static Map<String, Price> parse(String text) {
    var parsed = new HashMap<String, Price>();
    if (text == null || text.isBlank()) {
      return parsed;
    }
    for (String entry : text.split(",")) {
      String[] sides = entry.strip().split("=", 2);
      String[] amounts = sides.length == 2 ? sides[1].split("/", 2) : new String[0];
      try {
        if (amounts.length != 2 || sides[0].isBlank()) {
          throw new NumberFormatException();
        }
        parsed.put(
            sides[0].strip(),
            new Price(Double.parseDouble(amounts[0]), Double.parseDouble(amounts[1])));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            ENV
                + ": '"
                + entry.strip()
                + "' is not model=prompt/completion in dollars per million tokens"
                + " (e.g. gpt-4o=2.5/10)");
      }
    }
    return parsed;
  }
}
