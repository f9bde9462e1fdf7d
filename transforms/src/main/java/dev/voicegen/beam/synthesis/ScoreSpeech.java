package dev.voicegen.beam.synthesis;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.beam.common.SharedResourceFn;
import dev.voicegen.beam.common.StageMetrics;
import dev.voicegen.quality.DnsmosScore;
import dev.voicegen.quality.QualityModels;
import dev.voicegen.quality.SharedQualityModels;
import dev.voicegen.synth.AttemptScores;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.joda.time.Instant;

/**
 * Scores every generated output with DNSMOS (the JVM's shared {@link QualityModels} of {@code
 * --qualityModelDir}) and records the attempt's scores: DNSMOS SIG, BAK, OVRL and P.808, the
 * engine's speaker similarity and, after VerifySpeech, the CER. The outputs of a bundle are scored
 * together, up to {@link #BATCH} at a time, since the DNSMOS graphs take many windows per run.
 * Without a DNSMOS model (one WARN when the models load) the DNSMOS scores are null.
 */
public final class ScoreSpeech extends PTransform<PCollection<GeneratedSpeech>, PCollection<GeneratedSpeech>> {
  /** Outputs scored per DNSMOS run: up to 7 windows each, so at most 112 windows in memory. */
  static final int BATCH = 16;

  private final SharedQualityModels.Key models;

  private ScoreSpeech(SharedQualityModels.Key models) {
    this.models = models;
  }

  /** @param models the quality model directory, device and threads */
  public static ScoreSpeech with(SharedQualityModels.Key models) {
    return new ScoreSpeech(models);
  }

  @Override
  public PCollection<GeneratedSpeech> expand(PCollection<GeneratedSpeech> speech) {
    return speech
        .apply("Dnsmos", ParDo.of(new ScoreFn(models)))
        .setCoder(SerializableCoder.of(GeneratedSpeech.class));
  }

  /** This attempt's scores, from its DNSMOS (or null) and what earlier steps measured. */
  static AttemptScores scores(GeneratedSpeech s, DnsmosScore d) {
    return new AttemptScores(
        s.attempt(),
        s.seed(),
        d == null ? null : d.sig(),
        d == null ? null : d.bak(),
        d == null ? null : d.ovrl(),
        d == null ? null : d.p808(),
        s.speakerSimilarity(),
        s.asr() == null ? null : s.asr().cer(),
        List.of());
  }

  static final class ScoreFn extends SharedResourceFn<GeneratedSpeech, GeneratedSpeech, QualityModels> {
    private static final Logger LOG = LogManager.getLogger(ScoreSpeech.class);
    private final Distribution batchMillis = Metrics.distribution(StageMetrics.NAMESPACE, "score.batch_ms");
    private transient List<Pending> pending;

    /** An output waiting for its batch, with where it belongs. */
    private record Pending(GeneratedSpeech speech, Instant timestamp, BoundedWindow window) {}

    ScoreFn(SharedQualityModels.Key key) {
      super(key);
    }

    @StartBundle
    public void startBundle() {
      pending = new ArrayList<>();
    }

    @ProcessElement
    public void process(
        @Element GeneratedSpeech speech,
        @Timestamp Instant timestamp,
        BoundedWindow window,
        OutputReceiver<GeneratedSpeech> out) {
      pending.add(new Pending(speech, timestamp, window));
      if (pending.size() >= BATCH) {
        // at the current element's timestamp: an earlier one would be refused as skew (all are in
        // the global window of a batch job)
        score().forEach(p -> out.output(p.speech()));
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      if (!pending.isEmpty()) {
        score().forEach(p -> c.output(p.speech(), p.timestamp(), p.window()));
      }
    }

    /** Scores the pending outputs in one DNSMOS run and hands them back, scored. */
    private List<Pending> score() {
      List<AudioClip> clips = pending.stream().map(p -> p.speech().audio()).toList();
      long start = System.nanoTime();
      List<DnsmosScore> dnsmos;
      try {
        dnsmos = resource().dnsmos(clips);
      } catch (RuntimeException e) {
        // a scorer bug must not fail the job: these outputs get no DNSMOS (and miss a --minDnsmos gate)
        LOG.error("DNSMOS failed on {} outputs", clips.size(), e);
        dnsmos = java.util.Collections.nCopies(clips.size(), null);
      }
      batchMillis.update(Math.round(StageMetrics.since(start)));
      List<Pending> scored = new ArrayList<>(pending.size());
      for (int i = 0; i < pending.size(); i++) {
        Pending p = pending.get(i);
        scored.add(new Pending(p.speech().withScores(scores(p.speech(), dnsmos.get(i))), p.timestamp(), p.window()));
      }
      pending = new ArrayList<>();
      return scored;
    }
  }
}
