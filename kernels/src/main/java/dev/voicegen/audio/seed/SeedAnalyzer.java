package dev.voicegen.audio.seed;

import dev.voicegen.audio.AudioClip;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** The seed {@code analyze}: five pass/fail checks on a voice sample, as the pydub reference makes them. */
public final class SeedAnalyzer {
  static final int TARGET_RATE = 22050;
  // thresholds of the seed reference (specs/voice-samples.md, "analyze (seed)")
  static final int SPEECH_MIN_SILENCE_MS = 500;
  static final double SPEECH_THRESH_DBFS = -40;
  static final double SPEECH_MIN_S = 10;
  static final double SPEECH_MAX_S = 30;
  static final double SPEECH_TOO_SHORT_S = 6;
  static final double LOUDNESS_MIN_DBFS = -30;
  static final double LOUDNESS_MAX_DBFS = -10;
  static final double SILENCE_RATIO_MAX = 0.5;
  static final int POINTS_PER_CHECK = 20;

  private SeedAnalyzer() {}

  /**
   * @param clip the decoded sample, quantised to 16 bits as pydub would hold it
   * @param fileSizeBytes size of the file it came from (only reported)
   */
  public static SeedAnalysis analyze(AudioClip clip, long fileSizeBytes) {
    PcmSegment seg = PcmSegment.of(clip);
    double durationS = seg.lengthMs() / 1000.0;
    List<TimeRange> speech =
        SilenceDetector.detectNonsilent(seg, SPEECH_MIN_SILENCE_MS, SPEECH_THRESH_DBFS);
    long speechMs = 0;
    for (TimeRange r : speech) {
      speechMs += r.durationMs();
    }
    double speechS = speechMs / 1000.0;
    double silenceS = durationS - speechS;
    double loudness = Dbfs.dbfs(seg);
    double peak = Dbfs.peakDbfs(seg);
    double silenceRatio = durationS > 0 ? silenceS / durationS : 1.0;

    EnumSet<SeedCheck> failed = EnumSet.noneOf(SeedCheck.class);
    if (!(speechS >= SPEECH_MIN_S && speechS <= SPEECH_MAX_S)) {
      failed.add(SeedCheck.SPEECH_DURATION);
    }
    if (seg.channels != 1) {
      failed.add(SeedCheck.CHANNELS);
    }
    if (seg.rate != TARGET_RATE) {
      failed.add(SeedCheck.SAMPLE_RATE);
    }
    if (!(loudness >= LOUDNESS_MIN_DBFS && loudness <= LOUDNESS_MAX_DBFS)) {
      failed.add(SeedCheck.LOUDNESS);
    }
    if (!(silenceRatio <= SILENCE_RATIO_MAX)) {
      failed.add(SeedCheck.SILENCE_RATIO);
    }
    int score = POINTS_PER_CHECK * (SeedCheck.values().length - failed.size());

    List<String> advice = new ArrayList<>();
    for (SeedCheck check : failed) {
      advice.add(recommendation(check, speechS, seg, loudness, silenceRatio));
    }
    return new SeedAnalysis(
        durationS,
        speechS,
        silenceS,
        seg.channels,
        seg.rate,
        fileSizeBytes / (1024.0 * 1024.0),
        finiteOrNull(loudness),
        finiteOrNull(peak),
        speech.size(),
        speech,
        speechStatus(speechS),
        new ArrayList<>(failed),
        score,
        verdict(score),
        advice);
  }

  public static String speechStatus(double speechS) {
    if (speechS < SPEECH_TOO_SHORT_S) {
      return "too short";
    }
    if (speechS < SPEECH_MIN_S) {
      return "short";
    }
    if (speechS > SPEECH_MAX_S) {
      return "long";
    }
    return "ok";
  }

  public static String verdict(int score) {
    if (score >= 80) {
      return "excellent";
    }
    return score >= 60 ? "good" : "needs improvement";
  }

  private static String recommendation(
      SeedCheck check, double speechS, PcmSegment seg, double loudness, double silenceRatio) {
    switch (check) {
      case SPEECH_DURATION:
        if (speechS > SPEECH_MAX_S) {
          return format("Use 10-30 s of speech: the sample has %.1f s; trim it to the best 30 s.", speechS);
        }
        return format("Use 10-30 s of speech: the sample has only %.1f s (%s); record more.",
            speechS, speechStatus(speechS));
      case CHANNELS:
        return format("Convert the sample to mono: it has %d channels.", seg.channels);
      case SAMPLE_RATE:
        return format("Resample the sample to 22050 Hz: it is at %d Hz.", seg.rate);
      case LOUDNESS:
        if (Double.isInfinite(loudness)) {
          return "The sample is digital silence: record actual speech.";
        }
        return loudness < LOUDNESS_MIN_DBFS
            ? format("Raise the level: loudness is %.1f dBFS, aim for -30 to -10 dBFS.", loudness)
            : format("Lower the level: loudness is %.1f dBFS, aim for -30 to -10 dBFS.", loudness);
      case SILENCE_RATIO:
        return format("Trim silence: %.0f %% of the sample is silence (at most 50 %% is fine).",
            100 * silenceRatio);
      default:
        throw new IllegalArgumentException(check.toString());
    }
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  private static Double finiteOrNull(double db) {
    return Double.isInfinite(db) ? null : db;
  }
}
