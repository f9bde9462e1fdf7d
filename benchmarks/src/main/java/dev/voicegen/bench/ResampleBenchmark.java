package dev.voicegen.bench;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.dsp.Resampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** The bandlimited polyphase resampler on real speech; filter design happens once, in setup. */
public class ResampleBenchmark extends KernelBenchmark {
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
