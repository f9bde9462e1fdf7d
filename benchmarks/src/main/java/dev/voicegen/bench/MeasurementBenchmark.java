package dev.voicegen.bench;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.features.Mfcc;
import dev.voicegen.audio.measure.LoudnessMeter;
import dev.voicegen.audio.measure.MeasuredAnalysis;
import dev.voicegen.audio.measure.MeasurementAnalyzer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Measurement-grade analysis: BS.1770 loudness alone, every measurement together, and librosa MFCCs. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MeasurementBenchmark {
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
