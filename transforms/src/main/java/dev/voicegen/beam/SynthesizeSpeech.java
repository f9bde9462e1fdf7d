package dev.voicegen.beam;

import dev.voicegen.manifest.ManifestEntry;
import dev.voicegen.synth.EngineSpec;
import dev.voicegen.synth.SharedEngines;
import dev.voicegen.synth.SpeechEngine;
import dev.voicegen.synth.SynthesisRequest;
import dev.voicegen.synth.SynthesisResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Joins rows to their prepared reference sample (by content hash), groups them into batches and
 * runs the engine. Input: {@link #ROWS} and {@link #VOICES} keyed by hash. Outputs {@link #SPEECH}
 * and {@link #FAILURES} (rows whose sample failed an earlier stage, or whose synthesis failed).
 */
public final class SynthesizeSpeech extends PTransform<KeyedPCollectionTuple<String>, PCollectionTuple> {
  public static final TupleTag<ManifestEntry> ROWS = new TupleTag<>() {};
  public static final TupleTag<VoiceSample> VOICES = new TupleTag<>() {};
  public static final TupleTag<GeneratedSpeech> SPEECH = new TupleTag<>() {};
  public static final TupleTag<FailedRow> FAILURES = new TupleTag<>() {};
  private static final TupleTag<SynthesisBatch> BATCHES = new TupleTag<>() {};

  private final EngineSpec engine;
  private final int batchSize;

  private SynthesizeSpeech(EngineSpec engine, int batchSize) {
    this.engine = engine;
    this.batchSize = batchSize;
  }

  public static SynthesizeSpeech with(EngineSpec engine, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batchSize must be at least 1, got " + batchSize);
    }
    return new SynthesizeSpeech(engine, batchSize);
  }

  @Override
  public PCollectionTuple expand(KeyedPCollectionTuple<String> input) {
    PCollectionTuple batched =
        input
            .apply("JoinRowsToVoices", CoGroupByKey.create())
            .apply(
                "FormBatches",
                ParDo.of(new BatchFn(batchSize))
                    .withOutputTags(BATCHES, TupleTagList.of(FAILURES)));
    PCollectionTuple synthesized =
        batched
            .get(BATCHES)
            .setCoder(SerializableCoder.of(SynthesisBatch.class))
            .apply("SpreadBatches", Reshuffle.viaRandomKey())
            .apply(
                "Synthesize",
                ParDo.of(new SynthesizeFn(engine)).withOutputTags(SPEECH, TupleTagList.of(FAILURES)));
    PCollection<FailedRow> failures =
        org.apache.beam.sdk.values.PCollectionList.of(
                batched.get(FAILURES).setCoder(SerializableCoder.of(FailedRow.class)))
            .and(synthesized.get(FAILURES).setCoder(SerializableCoder.of(FailedRow.class)))
            .apply("AllSynthesisFailures", org.apache.beam.sdk.transforms.Flatten.pCollections());
    return PCollectionTuple.of(
            SPEECH, synthesized.get(SPEECH).setCoder(SerializableCoder.of(GeneratedSpeech.class)))
        .and(FAILURES, failures);
  }

  /** Splits a voice's rows into batches, or fails them all when the voice failed. */
  static final class BatchFn extends DoFn<KV<String, CoGbkResult>, SynthesisBatch> {
    private final int batchSize;

    BatchFn(int batchSize) {
      this.batchSize = batchSize;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver out) {
      VoiceSample voice = joined.getValue().getOnly(VOICES, null);
      List<ManifestEntry> rows = new ArrayList<>();
      joined.getValue().getAll(ROWS).forEach(rows::add);
      rows.sort(Comparator.comparing(ManifestEntry::id));
      if (voice == null || voice.failed()) {
        StageFailure f =
            voice == null
                ? new StageFailure(Stage.DECODE, "missing_voice", "no prepared sample")
                : voice.failure();
        for (ManifestEntry row : rows) {
          out.get(FAILURES).output(FailedRow.of(row, f.stage(), f.errorClass(), f.message()));
        }
        return;
      }
      for (int i = 0; i < rows.size(); i += batchSize) {
        List<ManifestEntry> slice = new ArrayList<>(rows.subList(i, Math.min(rows.size(), i + batchSize)));
        out.get(BATCHES).output(new SynthesisBatch(voice, slice));
      }
    }
  }

  /** Runs the JVM's shared engine on one batch. */
  static final class SynthesizeFn extends DoFn<SynthesisBatch, GeneratedSpeech> {
    private static final Logger LOG = LogManager.getLogger(SynthesizeSpeech.class);
    private final EngineSpec spec;
    private final StageMetrics metrics = new StageMetrics(Stage.SYNTHESIZE);
    private final Distribution batchSizes =
        Metrics.distribution(StageMetrics.NAMESPACE, "synthesize.batch_size");
    private final Distribution batchMillis =
        Metrics.distribution(StageMetrics.NAMESPACE, "synthesize.batch_ms");
    private transient SpeechEngine engine;

    SynthesizeFn(EngineSpec spec) {
      this.spec = spec;
    }

    @Setup
    public void setup() {
      engine = SharedEngines.acquire(spec);
    }

    @ProcessElement
    public void process(@Element SynthesisBatch batch, MultiOutputReceiver out) {
      VoiceSample voice = batch.voice();
      List<SynthesisRequest> requests = new ArrayList<>(batch.rows().size());
      for (ManifestEntry row : batch.rows()) {
        LOG.debug(
            "Synthesizing {}: {} chars, language {}, reference {}",
            row.id(),
            row.text().length(),
            row.language(),
            voice.path());
        requests.add(
            new SynthesisRequest(row.id(), row.text(), row.language(), voice.sha256(), voice.audio()));
      }
      long start = System.nanoTime();
      List<SynthesisResult> results;
      try {
        results = engine.synthesize(requests);
      } catch (RuntimeException e) {
        // an engine bug must not fail the job: the batch's rows fail with the reason
        LOG.error("Engine {} failed on a batch of {} rows", engine.name(), requests.size(), e);
        results = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
          results.add(SynthesisResult.failed(e.getClass().getSimpleName(), String.valueOf(e.getMessage())));
        }
      }
      double batchMs = StageMetrics.since(start);
      batchSizes.update(requests.size());
      batchMillis.update(Math.round(batchMs));
      double perRowMs = batchMs / requests.size();
      VoiceSample numbers = voice.withoutAudio();
      for (int i = 0; i < requests.size(); i++) {
        ManifestEntry row = batch.rows().get(i);
        SynthesisResult result = results.get(i);
        if (result.ok()) {
          metrics.ok(perRowMs);
          out.get(SPEECH)
              .output(
                  new GeneratedSpeech(
                      row,
                      numbers,
                      result.audio(),
                      engine.name(),
                      engine.version(),
                      engine.modelVersion(),
                      result.seed(),
                      result.speakerSimilarity(),
                      new java.util.LinkedHashMap<>(engine.settings()),
                      perRowMs));
        } else {
          metrics.failed(perRowMs);
          LOG.warn("Synthesis of {} failed: {}", row.id(), result.message());
          out.get(FAILURES)
              .output(FailedRow.of(row, Stage.SYNTHESIZE, result.errorClass(), result.message()));
        }
      }
    }

    @Teardown
    public void teardown() {
      if (engine != null) {
        SharedEngines.release(spec);
        engine = null;
      }
    }
  }
}
