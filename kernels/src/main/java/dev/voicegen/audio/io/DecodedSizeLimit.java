package dev.voicegen.audio.io;

/**
 * How long and how large one file's decoded audio may be: the two-hour cap every decoder shares,
 * and half of the JVM's heap (-Xmx), leaving the other half to the stages that read the clip. A
 * decoder checks the length its header declares before it allocates anything.
 */
final class DecodedSizeLimit {
  /** The longest audio any decoder accepts. */
  static final long MAX_SECONDS = 2 * 3600;

  private DecodedSizeLimit() {}

  /**
   * @param frames the frames the header declares
   * @param bytesPerSample what one decoded sample costs: 2 for a 16-bit clip, 4 for a float one
   * @throws AudioTooLongException when the audio is over the cap or would not fit the heap budget
   */
  static void check(String source, long frames, int channels, int sampleRate, int bytesPerSample)
      throws AudioTooLongException {
    check(source, frames, channels, sampleRate, bytesPerSample, Runtime.getRuntime().maxMemory());
  }

  static void check(
      String source, long frames, int channels, int sampleRate, int bytesPerSample, long maxHeap)
      throws AudioTooLongException {
    double seconds = (double) frames / sampleRate;
    if (frames > MAX_SECONDS * sampleRate) {
      throw new AudioTooLongException(source, String.format(
          "declares %.0f s of audio, over the 2 h limit; refused before decoding", seconds));
    }
    long bytes = frames * channels * bytesPerSample;
    if (bytes > maxHeap / 2) {
      throw new AudioTooLongException(source, String.format(
          "declares %.0f s of audio (%d channel(s) at %d Hz), %d MB decoded: more than half of"
              + " this JVM's %d MB heap; refused before decoding (raise -Xmx, e.g. VOICEGEN_JAVA_OPTS,"
              + " or shorten the file)",
          seconds, channels, sampleRate, bytes >> 20, maxHeap >> 20));
    }
  }
}
