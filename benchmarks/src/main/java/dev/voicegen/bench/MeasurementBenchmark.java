package dev.voicegen.bench;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.features.Mfcc;
import dev.voicegen.audio.measure.LoudnessMeter;
import dev.voicegen.audio.measure.MeasuredAnalysis;
import dev.voicegen.audio.measure.MeasurementAnalyzer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** Measurement-grade analysis: BS.1770 loudness alone, every measurement together, and librosa MFCCs. */
public class MeasurementBenchmark extends KernelBenchmark {
  /** alice.wav: 11.7 s, 22050 Hz mono; bob_stereo.flac: 13.3 s, 44100 Hz stereo (MFCC resamples it). */
  @Param({"alice.wav", "bob_stereo.flac"})
  public String clipName;

  private AudioClip clip;
  private final Mfcc mfcc = new Mfcc();

  @Setup
  public void load() {
    clip = BenchCorpus.clip(BenchCorpus.DEMO_VOICES + "/" + clipName);
  }

  @Benchmark
  public Double loudness() {
    return LoudnessMeter.integratedLufs(clip);
  }

  @Benchmark
  public MeasuredAnalysis measure() {
    return MeasurementAnalyzer.measure(clip);
  }

  @Benchmark
  public float[][] mfcc() {
    return mfcc.compute(clip);
  }
}
