package dev.voicegen.bench;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.seed.ProcessedVoice;
import dev.voicegen.audio.seed.SeedAnalysis;
import dev.voicegen.audio.seed.SeedAnalyzer;
import dev.voicegen.audio.seed.SeedVoiceProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** The seed analyze / optimize / preprocess stages (pydub semantics) on clips of the seed corpus. */
public class SeedStagesBenchmark extends KernelBenchmark {
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
