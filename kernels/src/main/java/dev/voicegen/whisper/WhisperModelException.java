package dev.voicegen.whisper;

/**
 * A Whisper model directory or runtime that cannot be used; the message names the file (relative
 * to the model directory) and the mismatch, e.g. {@code "onnx/encoder_model.onnx: missing input
 * input_features"}. Unchecked: a broken model is a configuration error no caller can repair.
 */
public class WhisperModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WhisperModelException(String message) {
    super(message);
  }

  public WhisperModelException(String message, Throwable cause) {
    super(message, cause);
  }

  /** "file: problem", the form every layout check uses. */
  static WhisperModelException of(String file, String problem) {
    return new WhisperModelException(file + ": " + problem);
  }
}
