package dev.voicegen.audio.io;

/**
 * Audio longer than the decoders' cap, or whose decoded samples would take more of the heap than
 * one file may: refused from the header before anything is allocated where the format states its
 * length, or when the heap ran out while decoding it.
 */
public final class AudioTooLongException extends AudioDecodeException {
  private static final long serialVersionUID = 1L;

  public AudioTooLongException(String source, String problem) {
    super(source, problem);
  }

  public AudioTooLongException(String source, String problem, Throwable cause) {
    super(source, problem, cause);
  }

  @Override
  public String errorClass() {
    return "audio_too_long";
  }
}
