package dev.voicegen.beam;

import dev.voicegen.audio.seed.ProcessedVoice;
import dev.voicegen.audio.seed.SeedVoiceProcessor;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Optimizes each analyzed sample (seed semantics: mono, 22050 Hz, normalise, compress, trim). */
public final class OptimizeVoice
    extends PTransform<PCollection<KV<String, VoiceSample>>, PCollection<KV<String, VoiceSample>>> {

  public static OptimizeVoice create() {
    return new OptimizeVoice();
  }

  @Override
  public PCollection<KV<String, VoiceSample>> expand(PCollection<KV<String, VoiceSample>> samples) {
    return samples.apply("Optimize", ParDo.of(new OptimizeFn())).setCoder(samples.getCoder());
  }

  static final class OptimizeFn extends DoFn<KV<String, VoiceSample>, KV<String, VoiceSample>> {
    private static final Logger LOG = LogManager.getLogger(OptimizeVoice.class);
    private final StageMetrics metrics = new StageMetrics(Stage.OPTIMIZE);

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
        ProcessedVoice result = SeedVoiceProcessor.optimize(sample.audio());
        double ms = StageMetrics.since(start);
        metrics.ok(ms);
        VoiceChanges changes = VoiceChanges.of("seed", result);
        LOG.debug("Optimized {} in {} ms: {}", sample.path(), ms, changes);
        out.output(
            KV.of(
                kv.getKey(),
                sample.withOptimized(
                    result.audio(), changes, sample.timings().withOptimize(ms))));
      } catch (RuntimeException e) {
        double ms = StageMetrics.since(start);
        metrics.failed(ms);
        LOG.error("Optimizing {} failed", sample.path(), e);
        out.output(
            KV.of(
                kv.getKey(),
                sample.withFailure(
                    StageFailure.of(Stage.OPTIMIZE, e), sample.timings().withOptimize(ms))));
      }
    }
  }
}
