package io.aispine.cli.output;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a command prints its result ({@code -o, --output}): for people or for scripts. */
public enum OutputFormat {
  /** For people: live progress, aligned columns, {@code key: value} lines. */
  TEXT,
  /** For scripts: JSON. */
  JSON;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads {@code --output}: {@code text} or {@code json}, in any case; {@code table}, the word the
   * remote commands used before, still means {@code text} so that scripts keep working.
   */
  public static final class Converter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "text", "table" -> TEXT;
        case "json" -> JSON;
        default ->
            throw new TypeConversionException(
                "'" + value + "' is not an output format; use text or json");
      };
    }
  }
}
