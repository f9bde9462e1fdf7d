package dev.voicegen.quality;

/**
 * A quality model file that is there but cannot be used; the message names the file and the
 * problem. Unchecked: a broken model is a configuration error no caller can repair.
 */
public class QualityModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QualityModelException(String message) {
    super(message);
  }

  public QualityModelException(String message, Throwable cause) {
    super(message, cause);
  }

  /** "file: problem", the form every layout check uses. */
  static QualityModelException of(String file, String problem) {
    return new QualityModelException(file + ": " + problem);
  }
}
