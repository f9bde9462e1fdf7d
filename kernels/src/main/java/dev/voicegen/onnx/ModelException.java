package dev.voicegen.onnx;

/**
 * An ONNX model directory or runtime (XTTS, Whisper, the quality models) that cannot be used; the
 * message names the file (relative to the model directory) and the mismatch, e.g. {@code
 * "gpt_model.onnx: missing input past_key_1"}. Unchecked: a broken model is a configuration error
 * that no caller can repair mid-batch.
 */
public class ModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }

  /** "file: problem", the form every layout check uses. */
  public static ModelException of(String file, String problem) {
    return new ModelException(file + ": " + problem);
  }
}
