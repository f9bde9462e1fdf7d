package dev.voicegen.audio.seed;

import java.io.Serializable;
import java.util.List;

/**
 * The seed analysis of a voice sample: measurements, the five checks, score and advice.
 *
 * @param durationS pydub length in seconds (whole milliseconds / 1000)
 * @param speechDurationS sum of the non-silent ranges (500 ms window, -40 dBFS)
 * @param silenceDurationS durationS - speechDurationS
 * @param fileSizeMb file size in MiB (bytes / 1048576)
 * @param loudnessDbfs pydub dBFS (integer RMS); null for digital silence
 * @param peakDbfs pydub max_dBFS; null for digital silence
 * @param speechRanges the non-silent ranges, in milliseconds
 * @param speechStatus "too short" (< 6 s), "short" (< 10 s), "long" (> 30 s) or "ok"
 * @param failedChecks the checks that failed, in {@link SeedCheck} order
 * @param score 20 points per passed check, 0-100
 * @param verdict "excellent" (>= 80), "good" (>= 60) or "needs improvement"
 * @param recommendations one sentence per failed check, in {@link SeedCheck} order
 */
public record SeedAnalysis(
    double durationS,
    double speechDurationS,
    double silenceDurationS,
    int channels,
    int sampleRate,
    double fileSizeMb,
    Double loudnessDbfs,
    Double peakDbfs,
    int speechSegments,
    List<TimeRange> speechRanges,
    String speechStatus,
    List<SeedCheck> failedChecks,
    int score,
    String verdict,
    List<String> recommendations)
    implements Serializable {

  public SeedAnalysis {
    speechRanges = List.copyOf(speechRanges);
    failedChecks = List.copyOf(failedChecks);
    recommendations = List.copyOf(recommendations);
  }

  public boolean passed(SeedCheck check) {
    return !failedChecks.contains(check);
  }

  /** (duration - speech) / duration; 1 for an empty clip. */
  public double silenceRatio() {
    return durationS > 0 ? silenceDurationS / durationS : 1.0;
  }
}
