package dev.voicegen.beam.voice;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecodeException;
import dev.voicegen.audio.measure.MeasuredAnalysis;
import dev.voicegen.audio.measure.MeasurementAnalyzer;
import dev.voicegen.audio.measure.QualityScore;
import dev.voicegen.audio.seed.SeedAnalysis;
import dev.voicegen.audio.seed.SeedAnalyzer;
import dev.voicegen.beam.common.SharedResourceFn;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.common.StageFailure;
import dev.voicegen.beam.common.StageMetrics;
import dev.voicegen.beam.common.VoiceTimings;
import dev.voicegen.quality.ClipQuality;
import dev.voicegen.quality.QualityModels;
import dev.voicegen.quality.ReferenceGates;
import dev.voicegen.quality.ReferenceQuality;
import dev.voicegen.quality.SharedQualityModels;
import dev.voicegen.quality.SileroSpeech;
import java.io.IOException;
import java.util.Optional;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Decodes each distinct reference sample and analyzes it (seed checks, score, verdict); scores it
 * with the quality models (DNSMOS, Silero VAD, which also gives the speech ratio; the energy VAD
 * without it) and applies the reference gates, so that a sample without enough speech (or, when
 * asked, of too low a DNSMOS) fails its rows here, before any synthesis and in a dry run alike.
 */
public final class AnalyzeVoice
    extends PTransform<PCollection<KV<String, VoiceSample>>, PCollection<KV<String, VoiceSample>>> {
  private final SharedQualityModels.Key models;
  private final ReferenceGates gates;

  private AnalyzeVoice(SharedQualityModels.Key models, ReferenceGates gates) {
    this.models = models;
    this.gates = gates;
  }

  /** Without quality models (energy VAD, no DNSMOS) and without gates. */
  public static AnalyzeVoice create() {
    return new AnalyzeVoice(null, null);
  }

  /**
   * @param models the JVM's quality models to score each sample with, or null for none
   * @param gates the checks each sample must pass, or null for none
   */
  public static AnalyzeVoice with(SharedQualityModels.Key models, ReferenceGates gates) {
    return new AnalyzeVoice(models, gates);
  }

  @Override
  public PCollection<KV<String, VoiceSample>> expand(PCollection<KV<String, VoiceSample>> samples) {
    return samples
        .apply("DecodeAndAnalyze", ParDo.of(new AnalyzeFn(models, gates)))
        .setCoder(samples.getCoder());
  }

  static final class AnalyzeFn
      extends SharedResourceFn<KV<String, VoiceSample>, KV<String, VoiceSample>, QualityModels> {
    private static final Logger LOG = LogManager.getLogger(AnalyzeVoice.class);
    private final StageMetrics decodeMetrics = new StageMetrics(Stage.DECODE);
    private final StageMetrics analyzeMetrics = new StageMetrics(Stage.ANALYZE);
    private final ReferenceGates gates;

    AnalyzeFn(SharedQualityModels.Key models, ReferenceGates gates) {
      super(models == null ? SharedQualityModels.none() : models);
      this.gates = gates;
    }

    @ProcessElement
    public void process(
        @Element KV<String, VoiceSample> kv, OutputReceiver<KV<String, VoiceSample>> out) {
      VoiceSample sample = kv.getValue();
      long start = System.nanoTime();
      AudioClip clip;
      try {
        clip = SampleFiles.decode(sample.path());
      } catch (AudioDecodeException e) {
        double ms = StageMetrics.since(start);
        decodeMetrics.failed(ms);
        LOG.warn("Cannot decode reference sample: {}", e.getMessage());
        StageFailure f = new StageFailure(Stage.DECODE, SampleFiles.errorClass(e), e.getMessage());
        out.output(KV.of(kv.getKey(), sample.withFailure(f, sample.timings().withDecode(ms))));
        return;
      } catch (IOException e) {
        double ms = StageMetrics.since(start);
        decodeMetrics.failed(ms);
        StageFailure f = new StageFailure(Stage.DECODE, SampleFiles.errorClass(e), e.getMessage());
        out.output(KV.of(kv.getKey(), sample.withFailure(f, sample.timings().withDecode(ms))));
        return;
      }
      double decodeMs = StageMetrics.since(start);
      decodeMetrics.ok(decodeMs);

      start = System.nanoTime();
      try {
        SeedAnalysis analysis = SeedAnalyzer.analyze(clip, sample.sizeBytes());
        // the sample as the user supplied it: its DNSMOS is what users filter on, and one VAD
        // run serves both the speech ratio and the gates
        ClipQuality q = resource() == null ? new ClipQuality(null, null) : resource().assess(clip);
        ReferenceQuality reference = ReferenceQuality.of(q, clip);
        MeasuredAnalysis measurements =
            MeasurementAnalyzer.measure(clip, SileroSpeech.orEnergy(q.vad()));
        VoiceSample.Measured measured =
            new VoiceSample.Measured(measurements, QualityScore.of(measurements));
        double ms = StageMetrics.since(start);
        analyzeMetrics.ok(ms);
        LOG.debug(
            "Analyzed {}: {} s, {} Hz, {} ch, score {} ({}) in {} ms",
            sample.path(),
            analysis.durationS(),
            clip.sampleRate(),
            clip.channelCount(),
            analysis.score(),
            analysis.verdict(),
            ms);
        if (analysis.score() < 60) {
          LOG.warn(
              "Reference sample {} scores {} ({}): {}",
              sample.path(),
              analysis.score(),
              analysis.verdict(),
              String.join(" ", analysis.recommendations()));
        }
        VoiceTimings t = sample.timings().withDecode(decodeMs).withAnalyze(ms);
        VoiceSample analyzed = sample.withAnalysis(clip, analysis, measured, reference, t);
        Optional<ReferenceGates.Rejection> refused =
            gates == null ? Optional.empty() : gates.check(sample.path(), reference);
        if (refused.isPresent()) {
          LOG.warn("Reference sample refused ({}): {}", refused.get().reason(), refused.get().message());
          StageFailure f = new StageFailure(Stage.ANALYZE, refused.get().reason(), refused.get().message());
          out.output(KV.of(kv.getKey(), analyzed.withFailure(f, t)));
          return;
        }
        out.output(KV.of(kv.getKey(), analyzed));
      } catch (OutOfMemoryError e) {
        // the clip is dropped with this sample: the job goes on without it
        clip = null;
        double ms = StageMetrics.since(start);
        analyzeMetrics.failed(ms);
        LOG.warn("Analyzing {} ran out of memory; its rows fail", sample.path());
        VoiceTimings t = sample.timings().withDecode(decodeMs).withAnalyze(ms);
        StageFailure f = new StageFailure(Stage.ANALYZE, "reference_too_long",
            sample.path() + ": ran out of memory analyzing " + sample.sizeBytes() + " bytes (heap "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MB); raise -Xmx or shorten the file");
        out.output(KV.of(kv.getKey(), sample.withFailure(f, t)));
      } catch (RuntimeException e) {
        double ms = StageMetrics.since(start);
        analyzeMetrics.failed(ms);
        LOG.error("Analyzing {} failed", sample.path(), e);
        VoiceTimings t = sample.timings().withDecode(decodeMs).withAnalyze(ms);
        out.output(KV.of(kv.getKey(), sample.withFailure(StageFailure.of(Stage.ANALYZE, e), t)));
      }
    }
  }
}
