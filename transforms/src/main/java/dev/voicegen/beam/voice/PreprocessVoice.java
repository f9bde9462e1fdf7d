package dev.voicegen.beam.voice;

import dev.voicegen.audio.broadcast.BroadcastPreprocessor;
import dev.voicegen.audio.seed.SeedVoiceProcessor;
import dev.voicegen.beam.common.Stage;
import java.util.Locale;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/** Preprocesses each optimized sample into the reference the engine conditions on. */
public final class PreprocessVoice
    extends PTransform<PCollection<KV<String, VoiceSample>>, PCollection<KV<String, VoiceSample>>> {
  private final String mode;

  private PreprocessVoice(String mode) {
    this.mode = mode;
  }

  /**
   * @param mode {@code seed} (the pydub reference's chain) or {@code broadcast}
   * @throws IllegalArgumentException for another mode
   */
  public static PreprocessVoice withMode(String mode) {
    String m = mode == null ? "seed" : mode.toLowerCase(Locale.ROOT);
    if (!m.equals("seed") && !m.equals("broadcast")) {
      throw new IllegalArgumentException(
          "--preprocess=" + mode + " is not a preprocessing chain; use seed or broadcast");
    }
    return new PreprocessVoice(m);
  }

  @Override
  public PCollection<KV<String, VoiceSample>> expand(PCollection<KV<String, VoiceSample>> samples) {
    return samples
        .apply(
            "Preprocess",
            ParDo.of(
                mode.equals("broadcast")
                    ? new ProcessSampleFn(Stage.PREPROCESS, mode, BroadcastPreprocessor::process)
                    : new ProcessSampleFn(Stage.PREPROCESS, mode, SeedVoiceProcessor::preprocess)))
        .setCoder(samples.getCoder());
  }
}
