package dev.voicegen.pipeline.common;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** The shipped log4j2.xml writes the seed's line (seed 000 section 2.5), on the console and in the file. */
class LogFormatTest {
  // 2024-01-15 10:30:45,123 - INFO - simple_voice_clone - message: comma, then the short name
  private static final String SEED_LINE =
      "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} - INFO - RunJob - Wrote r1\\R";

  @Test
  void everyAppenderWritesTheSeedsLine() throws Exception {
    XmlConfiguration config;
    try (InputStream in = LogFormatTest.class.getResourceAsStream("/log4j2.xml")) {
      config = new XmlConfiguration(new LoggerContext("format-test"), new ConfigurationSource(in));
      config.initialize();
    }
    var event =
        Log4jLogEvent.newBuilder()
            .setLoggerName("dev.voicegen.pipeline.run.RunJob")
            .setLevel(Level.INFO)
            .setMessage(new SimpleMessage("Wrote r1"))
            .setTimeMillis(1_705_314_645_123L)
            .build();
    int checked = 0;
    for (var appender : config.getAppenders().values()) {
      Layout<?> layout = appender.getLayout();
      if (layout == null) {
        continue;
      }
      String line = new String(layout.toByteArray(event), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(line.matches(SEED_LINE), appender.getName() + " writes: " + line);
      checked++;
    }
    assertTrue(checked >= 2, "console and file appenders expected, checked " + checked);
  }
}
