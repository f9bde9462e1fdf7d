package dev.voicegen.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Speech segments from per-chunk speech probabilities, by the rules of silero-vad's
 * {@code get_speech_timestamps} (max_speech_duration_s infinite): speech starts at a chunk at or
 * above the threshold; once in speech, a chunk below the negative threshold marks a possible end,
 * which becomes the end when the silence has lasted min_silence; segments not longer than
 * min_speech are dropped; a segment still open at the end runs to the end of the clip (if long
 * enough); then every segment is padded by speech_pad, except that two segments closer than two
 * pads split the gap between them; finally seconds are rounded to 0.1 s.
 */
public final class SpeechTimestamps {
  /** Samples per chunk at 16 kHz (silero-vad v5: 512, 32 ms). */
  static final int CHUNK = 512;
  private static final int RATE = MonoInput.RATE;
  /** get_speech_timestamps time_resolution: one decimal in seconds. */
  private static final int SECONDS_DECIMALS = 1;

  private SpeechTimestamps() {}

  /**
   * @param probabilities one per chunk, chunk i starting at sample 512·i
   * @param samples the clip's length in samples at 16 kHz
   */
  public static List<SpeechSegment> segments(float[] probabilities, long samples, VadParameters p) {
    // the package's sample counts are floats (16000 * ms / 1000); the comparisons below keep that
    double minSpeech = RATE * p.minSpeechMs() / 1000.0;
    double minSilence = RATE * p.minSilenceMs() / 1000.0;
    double pad = RATE * p.speechPadMs() / 1000.0;
    List<long[]> speeches = new ArrayList<>();
    boolean triggered = false;
    long start = 0;
    long tempEnd = 0; // 0 means none, as in the package
    for (int i = 0; i < probabilities.length; i++) {
      double prob = probabilities[i];
      long cur = (long) CHUNK * i;
      if (prob >= p.threshold() && tempEnd != 0) {
        tempEnd = 0;
      }
      if (prob >= p.threshold() && !triggered) {
        triggered = true;
        start = cur;
        continue;
      }
      if (prob < p.negThreshold() && triggered) {
        if (tempEnd == 0) {
          tempEnd = cur;
        }
        if (cur - tempEnd < minSilence) {
          continue;
        }
        if (tempEnd - start > minSpeech) {
          speeches.add(new long[] {start, tempEnd});
        }
        tempEnd = 0;
        triggered = false;
      }
    }
    if (triggered && samples - start > minSpeech) {
      speeches.add(new long[] {start, samples});
    }
    pad(speeches, samples, pad);
    List<SpeechSegment> out = new ArrayList<>(speeches.size());
    double lengthS = (double) samples / RATE;
    for (long[] s : speeches) {
      out.add(new SpeechSegment(s[0], s[1], Math.max(round((double) s[0] / RATE), 0),
          Math.min(round((double) s[1] / RATE), lengthS)));
    }
    return out;
  }

  /** Pads in place: the first start, every end; close neighbours split the gap (floor of half). */
  private static void pad(List<long[]> speeches, long samples, double pad) {
    for (int i = 0; i < speeches.size(); i++) {
      long[] s = speeches.get(i);
      if (i == 0) {
        s[0] = (long) Math.max(0, s[0] - pad);
      }
      if (i == speeches.size() - 1) {
        s[1] = (long) Math.min(samples, s[1] + pad);
        continue;
      }
      long[] next = speeches.get(i + 1);
      long silence = next[0] - s[1];
      if (silence < 2 * pad) {
        long half = Math.floorDiv(silence, 2);
        s[1] += half;
        next[0] = Math.max(0, next[0] - half);
      } else {
        s[1] = (long) Math.min(samples, s[1] + pad);
        next[0] = (long) Math.max(0, next[0] - pad);
      }
    }
  }

  /** Python's round(x, 1): the exact binary value rounded half to even. */
  static double round(double x) {
    return new BigDecimal(x).setScale(SECONDS_DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
  }
}
