package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Log lines (stderr, through the shipped logback.xml) never carry an outside value's control characters. */
class LogLinesTest {
  @Test
  void controlCharactersAndBidiOverridesInAMessageAreShownAsQuestionMarks() throws Exception {
    LoggerContext context = new LoggerContext();
    try {
      JoranConfigurator config = new JoranConfigurator();
      config.setContext(context);
      config.doConfigure(getClass().getResource("/logback.xml"));
      Logger logger = context.getLogger("org.embedwatch.read.SourceLoader");
      OutputStreamAppender<ILoggingEvent> stderr =
          (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
      LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "page said {}", null,
          new Object[] {"\u001b[2J\u001b[Hall good\n12:00:00.000 WARN  Fake - line\u202Eevil\u0085x\ttab"});

      String line = new String(stderr.getEncoder().encode(event), StandardCharsets.UTF_8);

      assertThat(line).endsWith(
          "WARN  SourceLoader - page said ?[2J?[Hall good?12:00:00.000 WARN  Fake - line?evil?x\ttab"
          + System.lineSeparator());
      assertThat(line.lines()).hasSize(1);
    } finally {
      context.stop();
    }
  }
}
