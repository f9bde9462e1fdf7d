package dev.voicegen.synth;

/** The requested engine cannot run here; the message says what to install or configure. */
public class EngineUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EngineUnavailableException(String message) {
    super(message);
  }
}
