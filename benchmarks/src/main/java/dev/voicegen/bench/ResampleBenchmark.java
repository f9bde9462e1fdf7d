package dev.voicegen.bench;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.dsp.Resampler;
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

/** The bandlimited polyphase resampler on real speech; filter design happens once, in setup. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResampleBenchmark {
  /**
   * 44100to22050: bob_stereo.flac (13.3 s, 2 channels); 48000to16000: carla_48k.wav (4.3 s, mono).
   */
  @Param({"44100to22050", "48000to16000"})
  public String conversion;

  private AudioClip clip;
  private int outRate;

  @Setup
  public void load() {
    boolean cd = conversion.equals("44100to22050");
    clip = BenchCorpus.clip(BenchCorpus.DEMO_VOICES + (cd ? "/bob_stereo.flac" : "/carla_48k.wav"));
    outRate = cd ? 22050 : 16000;
    int expectedIn = cd ? 44100 : 48000;
    if (clip.sampleRate() != expectedIn) {
      throw new IllegalStateException(conversion + ": input is at " + clip.sampleRate() + " Hz");
    }
    Resampler.resample(clip, outRate); // designs and caches the filter
  }

  @Benchmark
  public AudioClip resample() {
    return Resampler.resample(clip, outRate);
  }
}
