package dev.voicegen.xtts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.synth.SynthesisRequest;
import dev.voicegen.synth.SynthesisResult;
import dev.voicegen.synth.XttsEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load-time batching probe on the tiny fixture and on its committed variants (same weights):
 * every graph exported with batch 1 fixed, and a GPT that ignores attention_mask.
 */
class BatchingProbeTest {
  private static final OnnxSessions.Settings ONE_THREAD = OnnxSessions.Settings.defaults().withThreads(1);
  private static final String COND = "conditioning_encoder.onnx";
  private static final String GPT = "gpt_model.onnx";
  private static final String VOCODER = "hifigan_vocoder.onnx";

  @TempDir Path tmp;

  /** Loads with this test's own probe records folder, empty before: the probe runs. */
  private BatchingProbe.Result probe(Path dir) {
    try (XttsModel m = XttsModel.load(dir, ONE_THREAD, new ProbeRecords(tmp.resolve("records")), false)) {
      return m.batching();
    }
  }

  @Test
  void theFixtureBatches() {
    BatchingProbe.Result r = probe(TinyModel.dir());
    assertTrue(r.on(), r.toString());
    assertNull(r.reason());
    assertEquals("on", r.toString());
    assertEquals(3, r.checks().size(), r.checks().toString());
    assertTrue(r.checks().get(0).startsWith(COND + ": batch of 2"), r.checks().get(0));
    assertTrue(r.checks().get(1).startsWith(GPT + ": prefill of a row left-padded by 7"), r.checks().get(1));
    assertTrue(r.checks().get(2).startsWith(VOCODER + ": hidden_states as latents (16 frames)"), r.checks().get(2));
  }

  @Test
  void graphsWithBatchFixedAtOneTurnBatchingOffNamingEachGraph() {
    BatchingProbe.Result r = probe(TinyModel.variant("fixed-batch", tmp.resolve("m")));
    assertFalse(r.on());
    for (String graph : List.of(COND, GPT, VOCODER)) {
      assertTrue(r.reason().contains(graph + " does not run a batch of 2: "), r.reason());
    }
    // ONNX Runtime's own words on the fixed dimension
    assertTrue(r.reason().contains("Expected: 1"), r.reason());
    assertTrue(r.toString().startsWith("off (" + COND + " does not run a batch of 2"), r.toString());
  }

  @Test
  void oneFixedGraphIsNamedAlone() {
    BatchingProbe.Result r = probe(TinyModel.variant("fixed-batch", tmp.resolve("m"), VOCODER));
    assertFalse(r.on());
    assertTrue(r.reason().startsWith(VOCODER + " does not run a batch of 2"), r.reason());
    assertFalse(r.reason().contains(GPT) || r.reason().contains(COND), r.reason());
  }

  @Test
  void aGptThatIgnoresTheMaskTurnsBatchingOff() {
    BatchingProbe.Result r = probe(TinyModel.variant("ignore-mask", tmp.resolve("m")));
    assertFalse(r.on());
    assertTrue(r.reason().startsWith(GPT + " does not honour attention_mask zeros: a left-padded row's prefill"),
        r.reason());
    assertFalse(r.reason().contains(COND) || r.reason().contains(VOCODER), r.reason());
    // the unpadded row still matches: only the mask is at fault
    assertFalse(r.reason().contains("rows of a batch of 2 differ"), r.reason());
  }

  @Test
  void relativeDiffScalesByTheReferenceAboveOne() {
    float[] ref = {10f, -20f, 0.5f};
    float[] off = {10.001f, -20f, 0.5f};
    assertEquals(0.001 / 20, BatchingProbe.relativeDiff(off, 0, ref, 0, 3), 1e-6);
    assertEquals(0.25, BatchingProbe.relativeDiff(new float[] {0.25f}, 0, new float[] {0f}, 0, 1), 1e-9);
    assertEquals(Double.POSITIVE_INFINITY,
        BatchingProbe.relativeDiff(new float[] {Float.NaN}, 0, new float[] {0f}, 0, 1));
  }

  /**
   * With batching off, a batch of rows of unequal lengths (the GPT pads them) and a reference of
   * several equal 4-s chunks (the conditioning encoder batches them) still gives every row, with
   * the same audio as the fixture's batched engine: the variants carry the fixture's weights.
   */
  @Test
  void anEngineOnEachVariantStillGivesEveryRowAsTheFixtureDoes() throws Exception {
    AudioClip reference = AudioDecoder.decode(Path.of("src/test/resources/seed/clips/pauses_mono22k.wav"));
    List<SynthesisRequest> rows = new ArrayList<>();
    String[] texts = {"Hello there.", "A much longer sentence that pads the others in the batch.", "Mid length."};
    for (int i = 0; i < texts.length; i++) {
      rows.add(new SynthesisRequest("row" + i, texts[i], "en", "ref", reference));
    }
    List<SynthesisResult> expected = synthesize(TinyModel.dir(), rows, new String[1]);
    for (String variant : List.of("fixed-batch", "ignore-mask")) {
      String[] batching = new String[1];
      List<SynthesisResult> got = synthesize(TinyModel.variant(variant, tmp.resolve(variant)), rows, batching);
      assertEquals(rows.size(), got.size());
      for (int i = 0; i < rows.size(); i++) {
        assertTrue(got.get(i).ok(), variant + " row " + i + ": " + got.get(i).message());
        float[] a = expected.get(i).audio().channel(0);
        float[] b = got.get(i).audio().channel(0);
        assertEquals(a.length, b.length, variant + " row " + i + ": same codes, same length");
        for (int s = 0; s < a.length; s++) {
          assertEquals(a[s], b[s], 1e-3, variant + " row " + i + " sample " + s);
        }
      }
      assertTrue(batching[0].startsWith("off ("), batching[0]);
    }
  }

  /** The engine's results; {@code batching[0]} receives its summary.json {@code xtts_batching}. */
  private static List<SynthesisResult> synthesize(Path dir, List<SynthesisRequest> rows, String[] batching) {
    try (XttsEngine e = XttsEngine.load(dir, ONE_THREAD, SamplingParams.defaults().withMaxCodes(40), 3L)) {
      batching[0] = e.summaryFacts().get("xtts_batching");
      return e.synthesize(rows);
    }
  }
}
