package dev.voicegen.beam;

import dev.voicegen.audio.seed.ProcessedVoice;
import dev.voicegen.audio.seed.SeedVoiceProcessor;
import java.util.Locale;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Preprocesses each optimized sample into the reference the engine conditions on. */
public final class PreprocessVoice
    extends PTransform<PCollection<KV<String, VoiceSample>>, PCollection<KV<String, VoiceSample>>> {
  private final String mode;

  private PreprocessVoice(String mode) {
    this.mode = mode;
  }

  /**
   * @param mode {@code seed} (the pydub reference's chain)
   * @throws IllegalArgumentException for a mode this build does not have
   */
  public static PreprocessVoice withMode(String mode) {
    String m = mode == null ? "seed" : mode.toLowerCase(Locale.ROOT);
    if (!m.equals("seed")) {
      throw new IllegalArgumentException(
          "--preprocess=" + mode + " is not available in this build; use --preprocess=seed");
    }
    return new PreprocessVoice(m);
  }

  @Override
  public PCollection<KV<String, VoiceSample>> expand(PCollection<KV<String, VoiceSample>> samples) {
    return samples.apply("Preprocess", ParDo.of(new PreprocessFn(mode))).setCoder(samples.getCoder());
  }

  static final class PreprocessFn extends DoFn<KV<String, VoiceSample>, KV<String, VoiceSample>> {
    private static final Logger LOG = LogManager.getLogger(PreprocessVoice.class);
    private final StageMetrics metrics = new StageMetrics(Stage.PREPROCESS);
    private final String mode;

    PreprocessFn(String mode) {
      this.mode = mode;
    }

    @ProcessElement
    public void process(
        @Element KV<String, VoiceSample> kv, OutputReceiver<KV<String, VoiceSample>> out) {
      VoiceSample sample = kv.getValue();
      if (sample.failed()) {
        out.output(kv);
        return;
      }
      long start = System.nanoTime();
      try {
        ProcessedVoice result = SeedVoiceProcessor.preprocess(sample.audio());
        double ms = StageMetrics.since(start);
        metrics.ok(ms);
        VoiceChanges changes = VoiceChanges.of(mode, result);
        for (String warning : changes.warnings()) {
          LOG.warn("Reference sample {}: {}", sample.path(), warning);
        }
        LOG.debug("Preprocessed {} in {} ms: {}", sample.path(), ms, changes);
        out.output(
            KV.of(
                kv.getKey(),
                sample.withPreprocessed(
                    result.audio(), changes, sample.timings().withPreprocess(ms))));
      } catch (RuntimeException e) {
        double ms = StageMetrics.since(start);
        metrics.failed(ms);
        LOG.error("Preprocessing {} failed", sample.path(), e);
        out.output(
            KV.of(
                kv.getKey(),
                sample.withFailure(
                    StageFailure.of(Stage.PREPROCESS, e), sample.timings().withPreprocess(ms))));
      }
    }
  }
}
