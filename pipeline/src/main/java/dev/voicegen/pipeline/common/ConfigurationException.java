package dev.voicegen.pipeline.common;

/** The job cannot start as configured; the message is the one line telling the user what to fix. */
public class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
