package dev.voicegen.xtts;

/**
 * An XTTS model directory or runtime that cannot be used; the message names the file (relative to
 * the model directory) and the mismatch, e.g. {@code "gpt_model.onnx: missing input past_key_1"}.
 * Unchecked: a broken model is a configuration error that no caller can repair mid-batch.
 */
public class XttsModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public XttsModelException(String message) {
    super(message);
  }

  public XttsModelException(String message, Throwable cause) {
    super(message, cause);
  }

  /** "file: problem", the form every layout check uses. */
  static XttsModelException of(String file, String problem) {
    return new XttsModelException(file + ": " + problem);
  }
}
