package dev.voicegen.beam.voice;

import dev.voicegen.audio.broadcast.BroadcastPreprocessor;
import dev.voicegen.audio.seed.SeedVoiceProcessor;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.quality.SharedQualityModels;
import java.util.Locale;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/** Preprocesses each optimized sample into the reference the engine conditions on. */
public final class PreprocessVoice
    extends PTransform<PCollection<KV<String, VoiceSample>>, PCollection<KV<String, VoiceSample>>> {
  private final String mode;
  private final SharedQualityModels.Key models;

  private PreprocessVoice(String mode, SharedQualityModels.Key models) {
    this.mode = mode;
    this.models = models;
  }

  /**
   * @param mode {@code seed} (the pydub reference's chain) or {@code broadcast}
   * @throws IllegalArgumentException for another mode
   */
  public static PreprocessVoice withMode(String mode) {
    return withMode(mode, null);
  }

  /**
   * @param mode {@code seed} (the pydub reference's chain, which has its own silence rules) or
   *     {@code broadcast} (which finds speech with Silero VAD from {@code models}, when they hold
   *     it, for its edge trim, pauses and window)
   * @param models the JVM's quality models, or null for the energy VAD
   * @throws IllegalArgumentException for another mode
   */
  public static PreprocessVoice withMode(String mode, SharedQualityModels.Key models) {
    String m = mode == null ? "seed" : mode.toLowerCase(Locale.ROOT);
    if (!m.equals("seed") && !m.equals("broadcast")) {
      throw new IllegalArgumentException(
          "--preprocess=" + mode + " is not a preprocessing chain; use seed or broadcast");
    }
    return new PreprocessVoice(m, models);
  }

  @Override
  public PCollection<KV<String, VoiceSample>> expand(PCollection<KV<String, VoiceSample>> samples) {
    return samples
        .apply(
            "Preprocess",
            ParDo.of(
                mode.equals("broadcast")
                    ? new ProcessSampleFn(
                        Stage.PREPROCESS,
                        mode,
                        (clip, vad) -> BroadcastPreprocessor.process(clip, BroadcastPreprocessor.Settings.defaults(), vad),
                        models)
                    : new ProcessSampleFn(Stage.PREPROCESS, mode, SeedVoiceProcessor::preprocess)))
        .setCoder(samples.getCoder());
  }
}
