package dev.voicegen.beam.synthesis;

import dev.voicegen.beam.common.FailedRow;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.common.StageFailure;
import dev.voicegen.beam.common.SharedResourceFn;
import dev.voicegen.beam.common.StageMetrics;
import dev.voicegen.beam.voice.PreparedVoice;
import dev.voicegen.beam.voice.VoiceSample;
import dev.voicegen.manifest.ManifestEntry;
import dev.voicegen.synth.EngineSpec;
import dev.voicegen.synth.SpeechEngine;
import dev.voicegen.xtts.UnusableReferenceException;
import dev.voicegen.synth.SynthesisRequest;
import dev.voicegen.synth.SynthesisResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;

import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Prepares each distinct reference sample for the engine once (PrepareVoices: e.g. XTTS
 * conditioning), then makes up to {@code --attempts} attempts at the rows, one {@link AttemptRound}
 * each (Attempt1, Attempt2, ...): cut rows into full batches by language and text-length bucket
 * across voices ({@link FormBatches}), spread the batches over the workers, run the engine on each
 * (Synthesize), check (VerifySpeech), score (ScoreSpeech) and judge (AcceptAttempts); the rows that
 * missed a gate make the next round's batches. N is known when the graph is built, so the rounds
 * are unrolled. Input: {@link #ROWS} and {@link #VOICES} keyed by content hash. Outputs {@link
 * #SPEECH} (accepted attempts) and {@link #FAILURES} (rows whose sample failed an earlier stage,
 * whose synthesis or check failed, or that missed a gate on every attempt).
 */
public final class SynthesizeSpeech extends PTransform<PCollectionTuple, PCollectionTuple> {
  public static final TupleTag<KV<String, ManifestEntry>> ROWS = new TupleTag<>() {};
  public static final TupleTag<KV<String, VoiceSample>> VOICES = new TupleTag<>() {};
  public static final TupleTag<GeneratedSpeech> SPEECH = new TupleTag<>() {};
  public static final TupleTag<FailedRow> FAILURES = new TupleTag<>() {};

  /**
   * The {@code --batchTokens} default: 16 rows of XTTS's 602 codes with 400 characters of text;
   * at the full model's 30 layers of 1024 floats for keys and values, about 4 GB of KV cache.
   */
  public static final long DEFAULT_BATCH_TOKENS = 16_384;

  private final EngineSpec engine;
  private final int batchSize;
  private final long batchTokens;
  private final VoiceStateCache cache;
  private final Acceptance acceptance;

  private SynthesizeSpeech(
      EngineSpec engine, int batchSize, long batchTokens, VoiceStateCache cache, Acceptance acceptance) {
    this.engine = engine;
    this.batchSize = batchSize;
    this.batchTokens = batchTokens;
    this.cache = cache;
    this.acceptance = acceptance;
  }

  /**
   * @param batchSize most rows per batch
   * @param batchTokens most tokens per batch (each row: its text's characters plus the engine's
   *     maximum codes), so batches of long texts stay within memory
   * @param voiceStateCacheDir where per-sample engine state is kept between runs, or null
   * @param acceptance the checks, scores and gates of every output, and the most attempts per row
   */
  public static SynthesizeSpeech with(
      EngineSpec engine,
      int batchSize,
      long batchTokens,
      String voiceStateCacheDir,
      Acceptance acceptance) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batchSize must be at least 1, got " + batchSize);
    }
    if (batchTokens < 1) {
      throw new IllegalArgumentException("--batchTokens must be at least 1, got " + batchTokens);
    }
    return new SynthesizeSpeech(
        engine,
        batchSize,
        batchTokens,
        voiceStateCacheDir == null ? null : new VoiceStateCache(voiceStateCacheDir),
        java.util.Objects.requireNonNull(acceptance, "acceptance"));
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollection<KV<String, ManifestEntry>> rows = input.get(ROWS);
    PCollection<KV<String, VoiceSample>> voices = input.get(VOICES);
    PCollectionView<Map<String, PreparedVoice>> prepared =
        voices
            .apply("PrepareVoices", ParDo.of(new PrepareVoiceFn(engine, cache)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(PreparedVoice.class)))
            .apply("VoicesByHash", View.asMap());
    PCollection<KV<String, RowAttempt>> pending =
        rows.apply(
                "FirstAttempts",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(), TypeDescriptor.of(RowAttempt.class)))
                    .via((KV<String, ManifestEntry> kv) -> KV.of(kv.getKey(), RowAttempt.first(kv.getValue()))))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(RowAttempt.class)));
    PCollectionList<GeneratedSpeech> accepted = PCollectionList.empty(rows.getPipeline());
    PCollectionList<FailedRow> failures = PCollectionList.empty(rows.getPipeline());
    for (int attempt = 1; attempt <= acceptance.attempts(); attempt++) {
      PCollectionTuple round =
          pending.apply(
              "Attempt" + attempt, new AttemptRound(engine, batchSize, batchTokens, prepared, acceptance));
      accepted = accepted.and(round.get(AcceptAttempts.ACCEPTED));
      failures = failures.and(round.get(FAILURES));
      pending = round.get(AcceptAttempts.RETRY); // empty after the last attempt
    }
    return PCollectionTuple.of(
            SPEECH,
            accepted
                .apply("AcceptedAttempts", Flatten.pCollections())
                .setCoder(SerializableCoder.of(GeneratedSpeech.class)))
        .and(
            FAILURES,
            failures
                .apply("FailedAttempts", Flatten.pCollections())
                .setCoder(SerializableCoder.of(FailedRow.class)));
  }

  /** Once per distinct sample: the engine's per-voice state, or the sample's failure. */
  static final class PrepareVoiceFn
      extends SharedResourceFn<KV<String, VoiceSample>, KV<String, PreparedVoice>, SpeechEngine> {
    private static final Logger LOG = LogManager.getLogger(SynthesizeSpeech.class);
    private final VoiceStateCache cache;
    private final org.apache.beam.sdk.metrics.Counter cacheHits =
        Metrics.counter(StageMetrics.NAMESPACE, "voice_state.cache_hits");

    PrepareVoiceFn(EngineSpec spec, VoiceStateCache cache) {
      super(spec);
      this.cache = cache;
    }


    @ProcessElement
    public void process(
        @Element KV<String, VoiceSample> kv, OutputReceiver<KV<String, PreparedVoice>> out) {
      SpeechEngine engine = resource();
      VoiceSample v = kv.getValue();
      if (v.failed()) {
        out.output(KV.of(kv.getKey(), new PreparedVoice(v.withoutAudio(), null, v.failure())));
        return;
      }
      try {
        java.io.Serializable state = cache == null ? null : cache.read(engine.modelVersion(), v.sha256());
        if (state != null) {
          cacheHits.inc();
        } else {
          state = engine.prepareVoice(v.sha256(), v.audio());
          if (cache != null && state != null) {
            cache.write(engine.modelVersion(), v.sha256(), state);
          }
        }
        out.output(KV.of(kv.getKey(), new PreparedVoice(v.withoutAudio(), state, null)));
      } catch (UnusableReferenceException e) {
        LOG.warn("Reference sample {} cannot be used by {}: {}", v.path(), engine.name(), e.getMessage());
        StageFailure f = new StageFailure(Stage.SYNTHESIZE, e.errorClass(), v.path() + ": " + e.getMessage());
        out.output(KV.of(kv.getKey(), new PreparedVoice(v.withoutAudio(), null, f)));
      } catch (RuntimeException e) {
        LOG.error("Preparing {} for {} failed", v.path(), engine.name(), e);
        out.output(
            KV.of(
                kv.getKey(),
                new PreparedVoice(v.withoutAudio(), null, StageFailure.of(Stage.SYNTHESIZE, e))));
      }
    }
  }

  /** Runs the JVM's shared engine on one batch; rows of failed samples fail here. */
  static final class SynthesizeFn extends SharedResourceFn<SynthesisBatch, GeneratedSpeech, SpeechEngine> {
    private static final Logger LOG = LogManager.getLogger(SynthesizeSpeech.class);
    private final PCollectionView<Map<String, PreparedVoice>> voicesView;
    private final StageMetrics metrics = new StageMetrics(Stage.SYNTHESIZE);
    private final Distribution batchSizes =
        Metrics.distribution(StageMetrics.NAMESPACE, "synthesize.batch_size");
    private final Distribution batchMillis =
        Metrics.distribution(StageMetrics.NAMESPACE, "synthesize.batch_ms");

    SynthesizeFn(EngineSpec spec, PCollectionView<Map<String, PreparedVoice>> voicesView) {
      super(spec);
      this.voicesView = voicesView;
    }


    @ProcessElement
    public void process(ProcessContext c) {
      SpeechEngine engine = resource();
      SynthesisBatch batch = c.element();
      Map<String, PreparedVoice> voices = c.sideInput(voicesView);
      List<SynthesisRequest> requests = new ArrayList<>();
      List<RowAttempt> rows = new ArrayList<>();
      List<PreparedVoice> rowVoices = new ArrayList<>();
      for (int i = 0; i < batch.rows().size(); i++) {
        RowAttempt attempt = batch.rows().get(i);
        ManifestEntry row = attempt.entry();
        PreparedVoice voice = voices.get(batch.hashes().get(i));
        if (voice == null || voice.failure() != null) {
          StageFailure f =
              voice == null
                  ? new StageFailure(Stage.DECODE, "missing_voice", "no prepared sample")
                  : voice.failure();
          c.output(FAILURES, FailedRow.of(row, f.stage(), f.errorClass(), f.message()));
          continue;
        }
        LOG.debug(
            "Synthesizing {}: {} chars, language {}, reference {}",
            row.id(), row.text().length(), row.language(), voice.sample().path());
        requests.add(
            new SynthesisRequest(
                row.id(), row.text(), row.language(), voice.sample().sha256(), null, voice.state(),
                attempt.attempt()));
        rows.add(attempt);
        rowVoices.add(voice);
      }
      if (requests.isEmpty()) {
        return;
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
      // e.g. XTTS decode steps and the bytes they handed between host memory and ONNX Runtime
      engine.lastBatchCounts().forEach((name, count) ->
          Metrics.counter(StageMetrics.NAMESPACE, "synthesize." + name).inc(count));
      double perRowMs = batchMs / requests.size();
      for (int i = 0; i < requests.size(); i++) {
        ManifestEntry row = rows.get(i).entry();
        SynthesisResult result = results.get(i);
        if (result.ok()) {
          metrics.ok(perRowMs);
          LOG.debug(
              "Synthesized {}: {} s at {} Hz in {} ms (batch of {})",
              row.id(), result.audio().durationSeconds(), result.audio().sampleRate(), perRowMs,
              requests.size());
          c.output(
              new GeneratedSpeech(
                  row,
                  rowVoices.get(i).sample(),
                  result.audio(),
                  engine.name(),
                  engine.version(),
                  engine.modelVersion(),
                  engine.modelLicense(),
                  engine.clones(),
                  result.seed(),
                  result.speakerSimilarity(),
                  new java.util.LinkedHashMap<>(engine.settings()),
                  perRowMs,
                  null,
                  rows.get(i).earlier(),
                  null));
        } else {
          metrics.failed(perRowMs);
          LOG.warn("Synthesis of {} failed: {}", row.id(), result.message());
          c.output(FAILURES, FailedRow.of(row, Stage.SYNTHESIZE, result.errorClass(), result.message()));
        }
      }
    }
  }
}
