package io.aispine.cli.command;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * How the CLI's process logs, from {@code AISPINE_LOG_FORMAT} ({@code text} or {@code json}) and
 * {@code AISPINE_LOG_LEVEL}, applied to logback over {@code logback.xml} (text on stderr, AI
 * Spine's loggers at WARN). JSON lines are logback's {@link JsonEncoder}: one object per line with
 * the level, logger, thread, formatted message, MDC ({@code execution_id}, {@code node_path},
 * {@code flow}, {@code trace_id}) and throwable.
 *
 * @param format the format asked for, or null to keep the configured one
 * @param level the level of AI Spine's loggers, or null to keep the configured one
 */
public record LogSettings(Format format, Level level) {

  /** The variable that chooses the format. */
  public static final String FORMAT_ENV = "AISPINE_LOG_FORMAT";

  /** The variable that chooses the level of AI Spine's loggers. */
  public static final String LEVEL_ENV = "AISPINE_LOG_LEVEL";

  /** How log lines are written. */
  public enum Format {
    /** {@code 12:00:00.000 INFO logger - message}, for people. */
    TEXT,
    /** One JSON object per line, for log collectors. */
    JSON
  }

  /**
   * The settings {@code env} asks for; unset variables keep what {@code logback.xml} says.
   *
   * @throws CliException (usage) when a variable holds something else than its values
   */
  public static LogSettings fromEnvironment(Map<String, String> env) {
    return new LogSettings(format(env.get(FORMAT_ENV)), level(env.get(LEVEL_ENV)));
  }

  /**
   * The settings of a server process: what {@code env} asks for, else JSON when the process is not
   * attached to a terminal (a service manager, a container, a file: what log collectors read) and
   * text on a terminal, and lifecycle lines (INFO).
   */
  public static LogSettings forServer(Map<String, String> env, boolean terminal) {
    LogSettings asked = fromEnvironment(env);
    return new LogSettings(
        asked.format != null ? asked.format : terminal ? Format.TEXT : Format.JSON,
        asked.level != null ? asked.level : Level.INFO);
  }

  /** Reconfigures logback accordingly; does nothing for what is null. */
  public void apply() {
    if (format == null && level == null) {
      return; // keep logback untouched: most commands never log, and its start costs time
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J binding: it is configured its own way
    }
    if (level != null) {
      context.getLogger("io.aispine").setLevel(level);
    }
    if (format == Format.JSON) {
      Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
      root.detachAndStopAllAppenders();
      root.addAppender(jsonAppender(context));
    }
  }

  /** A stderr appender writing one JSON object per line. */
  static ConsoleAppender<ILoggingEvent> jsonAppender(LoggerContext context) {
    var encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithFormattedMessage(true);
    encoder.setWithMessage(false); // the pattern with {} placeholders: the formatted one says it
    encoder.setWithArguments(false);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.start();
    var appender = new ConsoleAppender<ILoggingEvent>();
    appender.setContext(context);
    appender.setName("JSON");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }

  private static Format format(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "text" -> Format.TEXT;
      case "json" -> Format.JSON;
      default ->
          throw new CliException(
              ExitCodes.USAGE,
              FORMAT_ENV + " is '" + value + "'; set it to text or json, or unset it");
    };
  }

  private static Level level(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Level parsed = Level.toLevel(value.strip(), null);
    if (parsed == null) {
      throw new CliException(
          ExitCodes.USAGE,
          LEVEL_ENV
              + " is '"
              + value
              + "'; set it to error, warn, info, debug or trace, or unset it");
    }
    return parsed;
  }
}
