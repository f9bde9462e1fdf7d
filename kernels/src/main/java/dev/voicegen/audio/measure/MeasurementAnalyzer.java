package dev.voicegen.audio.measure;

import dev.voicegen.audio.AudioClip;

/**
 * Runs every measurement kernel on a clip. The clip is read in place, never copied: each kernel
 * streams over the channels with buffers of at most a few thousand samples.
 */
public final class MeasurementAnalyzer {
  private MeasurementAnalyzer() {}

  /** All measurements, with the default 30 ms speech-activity frames. */
  public static MeasuredAnalysis measure(AudioClip clip) {
    return measure(clip, SpeechActivity.create());
  }

  public static MeasuredAnalysis measure(AudioClip clip, SpeechDetector speechActivity) {
    PeakLevels peaks = TruePeakMeter.measure(clip);
    ClippingReport clipping = ClippingDetector.detect(clip);
    boolean empty = clip.frames() == 0;
    return new MeasuredAnalysis(
        LoudnessMeter.integratedLufs(clip),
        peaks.truePeakDbtp(),
        peaks.samplePeakDbfs(),
        WadaSnr.estimateDb(clip),
        empty ? null : clipping.clippedRatio(),
        empty ? null : clipping.clippedDurationS(),
        speechActivity.speechRatio(clip),
        DcOffset.of(clip),
        BandwidthEstimator.effectiveBandwidthHz(clip));
  }
}
