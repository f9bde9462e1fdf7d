package dev.voicegen.bench;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecodeException;
import dev.voicegen.audio.io.AudioDecoder;
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

/** Pure-Java decoding of whole files held in memory: WAV 16-bit and FLAC (no FFmpeg on these paths). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {
  /** wav16: alice.wav (11.7 s, 22050 Hz mono); flac: bob_stereo.flac (13.3 s, 44100 Hz stereo). */
  @Param({"wav16", "flac"})
  public String format;

  private String source;
  private byte[] data;

  @Setup
  public void load() {
    source = BenchCorpus.DEMO_VOICES + (format.equals("flac") ? "/bob_stereo.flac" : "/alice.wav");
    data = BenchCorpus.bytes(source);
  }

  @Benchmark
  public AudioClip decode() throws AudioDecodeException {
    return AudioDecoder.decode(source, data);
  }
}
