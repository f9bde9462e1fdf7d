package dev.voicegen.bench;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.seed.ProcessedVoice;
import dev.voicegen.audio.seed.SeedAnalysis;
import dev.voicegen.audio.seed.SeedAnalyzer;
import dev.voicegen.audio.seed.SeedVoiceProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

/** The seed analyze / optimize / preprocess stages (pydub semantics) on clips of the seed corpus. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SeedStagesBenchmark {
  /**
   * pauses_mono22k: 17 s, 22050 Hz mono, long pauses (no resampling); stereo44k: 3.2 s stereo,
   * mixed down and resampled; long16k: 34 s at 16 kHz, upsampled and cut to 30 s.
   */
  @Param({"pauses_mono22k.wav", "stereo44k.wav", "long16k.wav"})
  public String clipName;

  private AudioClip clip;
  private long fileSize;

  @Setup
  public void load() {
    String relative = BenchCorpus.SEED_CLIPS + "/" + clipName;
    clip = BenchCorpus.clip(relative);
    try {
      fileSize = Files.size(BenchCorpus.file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Benchmark
  public SeedAnalysis analyze() {
    return SeedAnalyzer.analyze(clip, fileSize);
  }

  @Benchmark
  public ProcessedVoice optimize() {
    return SeedVoiceProcessor.optimize(clip);
  }

  @Benchmark
  public ProcessedVoice preprocess() {
    return SeedVoiceProcessor.preprocess(clip);
  }
}
