package dev.voicegen.bench;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecodeException;
import dev.voicegen.audio.io.AudioDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** Pure-Java decoding of whole files held in memory: WAV 16-bit and FLAC (no FFmpeg on these paths). */
public class DecodeBenchmark extends KernelBenchmark {
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
