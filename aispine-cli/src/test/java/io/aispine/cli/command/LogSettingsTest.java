package io.aispine.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.cli.command.LogSettings.Format;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSettingsTest {

  @Test
  void a_server_logs_json_when_no_terminal_is_attached_and_text_on_a_terminal_at_info() {
    assertThat(LogSettings.forServer(Map.of(), false))
        .isEqualTo(new LogSettings(Format.JSON, Level.INFO));
    assertThat(LogSettings.forServer(Map.of(), true))
        .isEqualTo(new LogSettings(Format.TEXT, Level.INFO));
  }

  @Test
  void the_environment_overrides_the_defaults_in_any_case() {
    var env = Map.of("AISPINE_LOG_FORMAT", "Text", "AISPINE_LOG_LEVEL", "debug");
    assertThat(LogSettings.forServer(env, false))
        .isEqualTo(new LogSettings(Format.TEXT, Level.DEBUG));
    assertThat(LogSettings.fromEnvironment(Map.of("AISPINE_LOG_FORMAT", "json")))
        .isEqualTo(new LogSettings(Format.JSON, null));
    assertThat(LogSettings.fromEnvironment(Map.of())).isEqualTo(new LogSettings(null, null));
  }

  @Test
  void rejects_an_unknown_format_or_level_naming_the_variable_and_its_values() {
    assertThatThrownBy(() -> LogSettings.fromEnvironment(Map.of("AISPINE_LOG_FORMAT", "xml")))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
        .hasMessage("AISPINE_LOG_FORMAT is 'xml'; set it to text or json, or unset it");
    assertThatThrownBy(() -> LogSettings.fromEnvironment(Map.of("AISPINE_LOG_LEVEL", "loud")))
        .hasMessage(
            "AISPINE_LOG_LEVEL is 'loud'; set it to error, warn, info, debug or trace, or unset it");
  }

  @Test
  void a_json_line_is_one_object_with_the_formatted_message_and_the_mdc() throws Exception {
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    var appender = LogSettings.jsonAppender(context);
    Logger logger = context.getLogger("io.aispine.engine.Workers");
    var event =
        new LoggingEvent(
            Logger.class.getName(),
            logger,
            Level.WARN,
            "attempt {} failed",
            null,
            new Object[] {2});
    event.setMDCPropertyMap(
        Map.of(
            "execution_id", "ex_1",
            "node_path", "refine/3/score",
            "flow", "kyc@1.0.0",
            "trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"));

    String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);
    appender.stop();

    assertThat(line).endsWith("\n").doesNotContain("\n{");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("level").asText()).isEqualTo("WARN");
    assertThat(json.get("loggerName").asText()).isEqualTo("io.aispine.engine.Workers");
    assertThat(json.get("formattedMessage").asText()).isEqualTo("attempt 2 failed");
    assertThat(json.get("mdc").get("execution_id").asText()).isEqualTo("ex_1");
    assertThat(json.get("mdc").get("node_path").asText()).isEqualTo("refine/3/score");
    assertThat(json.get("mdc").get("flow").asText()).isEqualTo("kyc@1.0.0");
    assertThat(json.get("mdc").get("trace_id").asText())
        .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }
}
