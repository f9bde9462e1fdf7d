package dev.voicegen.models;

/**
 * The source's host cannot be reached (no network, no DNS, connection refused): nothing was
 * downloaded, and the message says where to put the files by hand.
 */
public class ModelSourceOfflineException extends ModelDownloadException {
  private static final long serialVersionUID = 1L;

  public ModelSourceOfflineException(String message, Throwable cause) {
    super(message, cause);
  }
}
