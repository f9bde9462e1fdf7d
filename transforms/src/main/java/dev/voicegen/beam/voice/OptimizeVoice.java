package dev.voicegen.beam.voice;

import dev.voicegen.audio.seed.SeedVoiceProcessor;
import dev.voicegen.beam.common.Stage;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/** Optimizes each analyzed sample (seed semantics: mono, 22050 Hz, normalise, compress, trim). */
public final class OptimizeVoice
    extends PTransform<PCollection<KV<String, VoiceSample>>, PCollection<KV<String, VoiceSample>>> {

  public static OptimizeVoice create() {
    return new OptimizeVoice();
  }

  @Override
  public PCollection<KV<String, VoiceSample>> expand(PCollection<KV<String, VoiceSample>> samples) {
    return samples
        .apply("Optimize", ParDo.of(new ProcessSampleFn(Stage.OPTIMIZE, "seed", SeedVoiceProcessor::optimize)))
        .setCoder(samples.getCoder());
  }
}
