package dev.voicegen.quality;

/**
 * One speech segment: its bounds in samples at 16 kHz (after padding), and in seconds as
 * get_speech_timestamps(return_seconds=True) reports them (rounded to 0.1 s, half to even; the
 * end at most the clip's length).
 */
public record SpeechSegment(long startSample, long endSample, double startS, double endS) {
  public double durationS() {
    return endS - startS;
  }
}
