package dev.voicegen.xtts;

/**
 * A reference sample an engine cannot condition on (silent, or too short once preprocessed): the
 * rows of that sample fail with {@link #errorClass}; it is the sample's fault, not the engine's.
 */
public final class UnusableReferenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String errorClass;

  public UnusableReferenceException(String errorClass, String message) {
    super(message);
    this.errorClass = errorClass;
  }

  public String errorClass() {
    return errorClass;
  }
}
