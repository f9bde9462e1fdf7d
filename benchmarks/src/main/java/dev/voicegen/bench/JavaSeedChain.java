package dev.voicegen.bench;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecodeException;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.audio.seed.ProcessedVoice;
import dev.voicegen.audio.seed.SeedAnalysis;
import dev.voicegen.audio.seed.SeedAnalyzer;
import dev.voicegen.audio.seed.SeedVoiceProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * voicegen's seed chain on one thread, per file: read and decode, analyze, optimize, preprocess
 * (the same work as {@code benchmarks/seed_chain_pydub.py}), with the time of each stage.
 */
final class JavaSeedChain {
  /** What a file came out as: compared with pydub's answer to show both did the same work. */
  record Outcome(int score, long optimizedMs, long preprocessedMs) {}

  /** Nanoseconds per stage, summed over files. */
  static final class StageNanos {
    long decode;
    long analyze;
    long optimize;
    long preprocess;

    long total() {
      return decode + analyze + optimize + preprocess;
    }

    void add(StageNanos o) {
      decode += o.decode;
      analyze += o.analyze;
      optimize += o.optimize;
      preprocess += o.preprocess;
    }
  }

  private final List<Path> files;
  private final long[] sizes;
  /** Keeps results reachable so the JIT cannot drop the work. */
  private long sink;

  JavaSeedChain(List<Path> files) {
    this.files = files;
    this.sizes = new long[files.size()];
    for (int i = 0; i < sizes.length; i++) {
      try {
        sizes[i] = Files.size(files.get(i));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** One pass over every file; per-stage times are added to {@code into}. */
  void pass(StageNanos into) {
    for (int i = 0; i < files.size(); i++) {
      run(i, into);
    }
  }

  /** Runs file {@code i} once and returns what it came out as. */
  Outcome run(int i, StageNanos into) {
    long t0 = System.nanoTime();
    AudioClip clip;
    try {
      clip = AudioDecoder.decode(files.get(i));
    } catch (AudioDecodeException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    long t1 = System.nanoTime();
    SeedAnalysis analysis = SeedAnalyzer.analyze(clip, sizes[i]);
    long t2 = System.nanoTime();
    ProcessedVoice optimized = SeedVoiceProcessor.optimize(clip);
    long t3 = System.nanoTime();
    ProcessedVoice preprocessed = SeedVoiceProcessor.preprocess(clip);
    long t4 = System.nanoTime();
    into.decode += t1 - t0;
    into.analyze += t2 - t1;
    into.optimize += t3 - t2;
    into.preprocess += t4 - t3;
    sink += analysis.score() + optimized.audio().frames() + preprocessed.audio().frames();
    return new Outcome(analysis.score(), optimized.outputDurationMs(), preprocessed.outputDurationMs());
  }

  long sink() {
    return sink;
  }
}
