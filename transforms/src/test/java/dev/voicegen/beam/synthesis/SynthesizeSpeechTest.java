package dev.voicegen.beam.synthesis;

import dev.voicegen.quality.SharedQualityModels;
import dev.voicegen.synth.AcceptanceGates;
import static dev.voicegen.beam.voice.ReferenceSamples.assertSameAudio;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecodeException;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.beam.common.FailedRow;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.common.StageMetrics;
import dev.voicegen.beam.voice.AnalyzeVoice;
import dev.voicegen.beam.voice.ReferenceSamples;
import dev.voicegen.beam.voice.VoiceSample;
import dev.voicegen.manifest.ManifestEntry;
import dev.voicegen.synth.EngineSpec;
import dev.voicegen.synth.SpeechEngine;
import dev.voicegen.synth.SynthesisRequest;
import dev.voicegen.synth.SynthesisResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SynthesizeSpeech with the espeak-ng reference engine: each row of a usable sample is spoken
 * exactly as the engine speaks it alone, rows of a sample that failed (or is missing) fail with
 * the sample's reason, and the engine sees the batches FormBatches cuts.
 */
class SynthesizeSpeechTest {
  /** One attempt, no gates, no Whisper; no quality models in this folder, so DNSMOS stays null. */
  static final Acceptance ONE_ATTEMPT =
      new Acceptance(
          null,
          new SharedQualityModels.Key("target/no-quality-models", "cpu", 1),
          AcceptanceGates.NONE,
          1);

  @TempDir Path dir;

  /** Five English rows of one length bucket (32..63 characters) with batches of 2: 2, 2 and 1. */
  private static final List<String> TEXTS =
      List.of(
          "The first row is spoken here today.",
          "A second row follows the first one.",
          "Row three is a little longer than both.",
          "The fourth row speaks of rain and snow.",
          "And the fifth row ends this short list.");

  @Test
  void rowsOfAGoodSampleAreSpokenAndRowsOfAFailedSampleFailWithItsReason() throws Exception {
    EngineSpec spec = EngineSpec.espeak("espeak-ng").withTempDir(dir.resolve("engine").toString());
    KV<String, VoiceSample> good =
        ReferenceSamples.fingerprinted(ReferenceSamples.voice("ls_2414_2414-128291-0000.flac"));
    Path corruptFile = ReferenceSamples.corrupt(dir);
    KV<String, VoiceSample> corrupt = ReferenceSamples.fingerprinted(corruptFile);
    String goodHash = good.getKey();
    String corruptHash = corrupt.getKey();

    List<KV<String, ManifestEntry>> rows = new ArrayList<>();
    for (int i = 0; i < TEXTS.size(); i++) {
      rows.add(KV.of(goodHash, new ManifestEntry("en-" + i, TEXTS.get(i), "good.flac", "en", "anna", "m.csv:" + (i + 2))));
    }
    List<ManifestEntry> failing =
        List.of(
            new ManifestEntry("de-0", "Guten Tag, wie geht es dir heute?", "corrupt.wav", "de", "bert", "m.csv:7"),
            new ManifestEntry("de-1", "Das Wetter ist heute wirklich schön.", "corrupt.wav", "de", "bert", "m.csv:8"));
    failing.forEach(e -> rows.add(KV.of(corruptHash, e)));
    ManifestEntry orphan =
        new ManifestEntry("fr-0", "Bonjour, ceci est une phrase.", "gone.wav", "fr", "cleo", "m.csv:9");
    rows.add(KV.of("no-such-sample", orphan));

    // what the engine gives for each row on its own, and why the corrupt sample cannot be used
    Map<String, AudioClip> spoken = new HashMap<>();
    SpeechEngine engine = spec.acquire();
    try {
      for (KV<String, ManifestEntry> kv : rows.subList(0, TEXTS.size())) {
        ManifestEntry e = kv.getValue();
        SynthesisResult r =
            engine.synthesize(List.of(new SynthesisRequest(e.id(), e.text(), e.language(), goodHash, null, null))).get(0);
        assertTrue(r.ok(), r.message());
        spoken.put(e.id(), r.audio());
      }
    } finally {
      spec.release();
    }
    String reason =
        assertThrows(AudioDecodeException.class, () -> AudioDecoder.decode(corruptFile)).getMessage();

    Pipeline p = ReferenceSamples.pipeline();
    PCollectionTuple out =
        SynthesisInputs.of(p, rows, ReferenceSamples.create(p, List.of(good, corrupt)).apply(AnalyzeVoice.create()))
            .apply(SynthesizeSpeech.with(spec, 2, SynthesizeSpeech.DEFAULT_BATCH_TOKENS, null, ONE_ATTEMPT));
    String engineName = engine.name();
    PAssert.that(out.get(SynthesizeSpeech.SPEECH))
        .satisfies(
            speech -> {
              Set<String> ids = new HashSet<>();
              for (GeneratedSpeech s : speech) {
                String id = s.entry().id();
                assertTrue(ids.add(id), "once: " + id);
                assertEquals("en", s.entry().language(), id);
                assertEquals(TEXTS.get(Integer.parseInt(id.substring(3))), s.entry().text(), id);
                assertSameAudio(spoken.get(id), s.audio(), id);
                assertEquals(goodHash, s.voice().sha256(), id);
                assertNull(s.voice().audio(), "the reference audio stays behind");
                assertEquals(engineName, s.engine());
                assertFalse(s.voiceCloned(), "espeak-ng does not clone");
                assertTrue(s.synthesizeMs() > 0, id);
                assertNull(s.asr());
              }
              assertEquals(TEXTS.size(), ids.size(), ids.toString());
              return null;
            });
    PAssert.that(out.get(SynthesizeSpeech.FAILURES))
        .satisfies(
            failures -> {
              Set<FailedRow> want = new HashSet<>();
              failing.forEach(e -> want.add(FailedRow.of(e, Stage.DECODE, "undecodable_audio", reason)));
              want.add(FailedRow.of(orphan, Stage.DECODE, "missing_voice", "no prepared sample"));
              Set<FailedRow> got = new HashSet<>();
              failures.forEach(f -> assertTrue(got.add(f), "once: " + f));
              assertEquals(want, got);
              return null;
            });
    PipelineResult result = p.run();
    result.waitUntilFinish();

    DistributionResult batches = distribution(result, "synthesize.batch_size");
    assertEquals(3, batches.getCount(), "batches that reached the engine");
    assertEquals(5, batches.getSum(), "rows that reached the engine");
    assertEquals(2, batches.getMax());
    assertEquals(1, batches.getMin());
  }

  @Test
  void batchBoundsBelowOneAreRefused() {
    EngineSpec spec = EngineSpec.espeak("espeak-ng");
    assertThrows(IllegalArgumentException.class, () -> SynthesizeSpeech.with(spec, 0, 100, null, ONE_ATTEMPT));
    assertThrows(IllegalArgumentException.class, () -> SynthesizeSpeech.with(spec, 4, 0, null, ONE_ATTEMPT));
  }

  /** One distribution over all steps of the run. */
  private static DistributionResult distribution(PipelineResult result, String name) {
    Iterable<MetricResult<DistributionResult>> found =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(StageMetrics.NAMESPACE, name))
                    .build())
            .getDistributions();
    List<DistributionResult> all = new ArrayList<>();
    found.forEach(m -> all.add(m.getAttempted()));
    assertEquals(1, all.size(), name + " in one step");
    return all.get(0);
  }
}
