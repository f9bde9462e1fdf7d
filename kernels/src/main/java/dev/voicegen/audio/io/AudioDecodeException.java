package dev.voicegen.audio.io;

import java.io.IOException;

/** A file that cannot be decoded as audio; the message names the file and what is wrong with it. */
public class AudioDecodeException extends IOException {
  private static final long serialVersionUID = 1L;

  public AudioDecodeException(String source, String problem) {
    super(source + ": " + problem);
  }

  public AudioDecodeException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
  }

  /** A short name for the kind of problem, as a failed row's error class records it. */
  public String errorClass() {
    return "undecodable_audio";
  }
}
