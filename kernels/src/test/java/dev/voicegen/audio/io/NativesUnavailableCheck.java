package dev.voicegen.audio.io;

import java.nio.file.Path;

/**
 * Run by {@link FfmpegDecoderTest} in a JVM whose FFmpeg natives cannot load: decodes each file
 * named on the command line and prints the clip or the error, one line each.
 */
final class NativesUnavailableCheck {
  private NativesUnavailableCheck() {}

  public static void main(String[] files) {
    for (String file : files) {
      try {
        System.out.println(Path.of(file).getFileName() + " -> " + AudioDecoder.decode(Path.of(file)));
      } catch (AudioDecodeException e) {
        System.out.println(e.getMessage());
      }
    }
  }
}
