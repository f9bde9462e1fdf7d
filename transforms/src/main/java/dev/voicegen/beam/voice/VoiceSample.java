package dev.voicegen.beam.voice;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.measure.MeasuredAnalysis;
import dev.voicegen.audio.measure.QualityScore;
import dev.voicegen.audio.seed.SeedAnalysis;
import dev.voicegen.beam.common.StageFailure;
import dev.voicegen.beam.common.VoiceTimings;
import dev.voicegen.quality.ReferenceQuality;
import java.io.Serializable;

/**
 * One distinct reference sample (keyed by content hash) on its way through AnalyzeVoice,
 * OptimizeVoice and PreprocessVoice. Each stage returns a new value; a failed sample carries its
 * failure through the later stages untouched.
 *
 * @param sha256 content hash, the key
 * @param path where it was read from (the first path, in sort order, with this content)
 * @param sizeBytes file size
 * @param audio the current audio: decoded, then optimized, then preprocessed
 * @param analysis the seed analysis of the decoded sample
 * @param measured the measurement-grade analysis (loudness, true peak, SNR, ...) with its score
 * @param reference DNSMOS and seconds of speech of the decoded sample, as the quality models (or
 *     the energy VAD without Silero) measured them; null before analysis
 * @param optimized what optimize changed
 * @param preprocessed what preprocess changed
 * @param timings elapsed milliseconds per stage
 * @param failure why the sample cannot be used, or null
 */
public record VoiceSample(
    String sha256,
    String path,
    long sizeBytes,
    AudioClip audio,
    SeedAnalysis analysis,
    Measured measured,
    ReferenceQuality reference,
    VoiceChanges optimized,
    VoiceChanges preprocessed,
    VoiceTimings timings,
    StageFailure failure)
    implements Serializable {

  /** A fingerprinted sample not yet decoded. */
  public static VoiceSample fingerprinted(String sha256, String path, long sizeBytes) {
    return new VoiceSample(
        sha256, path, sizeBytes, null, null, null, null, null, null, VoiceTimings.NONE, null);
  }

  public boolean failed() {
    return failure != null;
  }

  VoiceSample withFailure(StageFailure f, VoiceTimings t) {
    return new VoiceSample(
        sha256, path, sizeBytes, null, analysis, measured, reference, optimized, preprocessed, t, f);
  }

  VoiceSample withAnalysis(
      AudioClip decoded, SeedAnalysis a, Measured m, ReferenceQuality q, VoiceTimings t) {
    return new VoiceSample(
        sha256, path, sizeBytes, decoded, a, m, q, optimized, preprocessed, t, null);
  }

  VoiceSample withOptimized(AudioClip out, VoiceChanges changes, VoiceTimings t) {
    return new VoiceSample(
        sha256, path, sizeBytes, out, analysis, measured, reference, changes, preprocessed, t, null);
  }

  VoiceSample withPreprocessed(AudioClip out, VoiceChanges changes, VoiceTimings t) {
    return new VoiceSample(
        sha256, path, sizeBytes, out, analysis, measured, reference, optimized, changes, t, null);
  }

  /** The same sample without its audio, for rows that only need the numbers. */
  public VoiceSample withoutAudio() {
    return new VoiceSample(
        sha256, path, sizeBytes, null, analysis, measured, reference, optimized, preprocessed, timings, failure);
  }

  /** The measurement-grade analysis of a sample and the quality score it feeds. */
  public record Measured(MeasuredAnalysis analysis, QualityScore quality) implements Serializable {}
}
