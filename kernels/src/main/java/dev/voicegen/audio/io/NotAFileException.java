package dev.voicegen.audio.io;

/**
 * A path that is not a readable regular file (a FIFO, a device, a directory, a link loop, ...):
 * refused before it is opened, since reading one could block forever or never end.
 */
public final class NotAFileException extends AudioDecodeException {
  private static final long serialVersionUID = 1L;
  private final String errorClass;

  NotAFileException(String source, String problem, String errorClass) {
    super(source, problem);
    this.errorClass = errorClass;
  }

  @Override
  public String errorClass() {
    return errorClass;
  }
}
