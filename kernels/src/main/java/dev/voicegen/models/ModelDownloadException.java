package dev.voicegen.models;

import java.io.IOException;

/** A pull or verify that cannot complete; the message says what to do. */
public class ModelDownloadException extends IOException {
  private static final long serialVersionUID = 1L;

  public ModelDownloadException(String message) {
    super(message);
  }

  public ModelDownloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
