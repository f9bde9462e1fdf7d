package dev.voicegen.whisper;

import dev.voicegen.onnx.OnnxSessions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.voicegen.audio.features.WhisperLogMel;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The merged decoder graph driven directly: cache growth and cached vs uncached agreement. */
class MergedDecoderTest {
  private static final int[] PROMPT = {TinyWhisper.START, TinyWhisper.EN, TinyWhisper.TRANSCRIBE,
      TinyWhisper.NO_TIMESTAMPS};
  private static WhisperModel model;
  private static float[] states;

  @BeforeAll
  static void load() {
    model = WhisperModel.load(TinyWhisper.dir(), OnnxSessions.Settings.defaults().withThreads(1));
    float[][] mel = new WhisperLogMel().windows(TinyWhisper.tone(500, 4.5, 0.3f)).get(0);
    states = model.transcriber(DecodingOptions.DEFAULT).encode(List.<float[][]>of(mel)).get(0);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void decoderPastGrowsByOnePerStepAndEncoderPastStaysConstant() {
    WhisperTranscriber t = model.transcriber(DecodingOptions.fixedSteps(6));
    List<long[]> dec = new ArrayList<>();
    List<long[]> enc = new ArrayList<>();
    List<Integer> steps = new ArrayList<>();
    t.decoder().setStepObserver((step, d, e) -> {
      steps.add(step);
      dec.add(d);
      enc.add(e);
    });
    t.transcribe(TinyWhisper.clips(2), List.of("en", "en"));
    assertEquals(List.of(0, 1, 2, 3, 4, 5), steps);
    for (int k = 0; k < steps.size(); k++) {
      assertArrayEquals(new long[] {2, TinyWhisper.HEADS, PROMPT.length + k, 64}, dec.get(k), "step " + k);
      assertArrayEquals(new long[] {2, TinyWhisper.HEADS, WhisperGraphs.AUDIO_CTX, 64}, enc.get(k), "step " + k);
    }
  }

  @Test
  void promptStepAndCachedStepsMatchAFullUncachedPass() throws OrtException {
    long[] prefix = {PROMPT[0], PROMPT[1], PROMPT[2], PROMPT[3], 276, 138, 256};
    int v = TinyWhisper.VOCAB;
    float[] full;
    try (DecoderCache cache = DecoderCache.empty(model.env(), model.config(), 1)) {
      full = run(prefix, cache, false);
    }
    try (DecoderCache cache = DecoderCache.empty(model.env(), model.config(), 1)) {
      float[] first = run(java.util.Arrays.copyOf(prefix, 4), cache, false);
      for (int i = 0; i < 4 * v; i++) {
        assertEquals(full[i], first[i], 1e-4, "prompt logit " + i);
      }
      for (int k = 4; k < prefix.length; k++) {
        float[] step = run(new long[] {prefix[k]}, cache, true);
        assertEquals(v, step.length);
        for (int i = 0; i < v; i++) {
          assertEquals(full[k * v + i], step[i], 1e-4, "position " + k + " logit " + i);
        }
      }
    }
  }

  @Test
  void cachedBranchIgnoresEncoderStatesAndUsesThePastInstead() throws OrtException {
    try (DecoderCache cache = DecoderCache.empty(model.env(), model.config(), 1)) {
      run(new long[] {PROMPT[0], PROMPT[1], PROMPT[2], PROMPT[3]}, cache, false);
      float[] saved = states.clone();
      java.util.Arrays.fill(states, 0f); // would change the logits if cross K/V were recomputed
      try {
        float[] zeroed = run(new long[] {276}, cache, true);
        float[] expected;
        states = saved;
        try (DecoderCache again = DecoderCache.empty(model.env(), model.config(), 1)) {
          expected = run(new long[] {PROMPT[0], PROMPT[1], PROMPT[2], PROMPT[3], 276}, again, false);
        }
        int v = TinyWhisper.VOCAB;
        for (int i = 0; i < v; i++) {
          assertEquals(expected[4 * v + i], zeroed[i], 1e-4);
        }
        java.util.Arrays.fill(states, 0f);
        try (DecoderCache uncached = DecoderCache.empty(model.env(), model.config(), 1)) {
          float[] recomputed = run(new long[] {PROMPT[0], PROMPT[1], PROMPT[2], PROMPT[3], 276}, uncached, false);
          double diff = 0;
          for (int i = 0; i < v; i++) {
            diff = Math.max(diff, Math.abs(recomputed[4 * v + i] - expected[4 * v + i]));
          }
          assertTrue(diff > 1e-2, "zeroed encoder states must matter on the uncached branch: " + diff);
        }
      } finally {
        states = saved;
      }
    }
  }

  @Test
  void cachedBranchReturnsEmptyEncoderPresentsAsOptimumMergesDo() throws OrtException {
    try (DecoderCache cache = DecoderCache.empty(model.env(), model.config(), 1)) {
      run(new long[] {PROMPT[0], PROMPT[1], PROMPT[2], PROMPT[3]}, cache, false);
      lastPresentShape = null;
      run(new long[] {276}, cache, true);
      assertArrayEquals(new long[] {0, TinyWhisper.HEADS, 1, 64}, lastPresentShape);
      assertArrayEquals(new long[] {1, TinyWhisper.HEADS, WhisperGraphs.AUDIO_CTX, 64}, cache.encoderShape());
      run(new long[] {138}, cache, true); // the kept encoder past still feeds the next step
      assertArrayEquals(new long[] {1, TinyWhisper.HEADS, 6, 64}, cache.decoderShape());
    }
  }

  private static long[] lastPresentShape;

  /** One decoder run over {@code ids} on batch 1; returns logits [S * V] and advances the cache. */
  private static float[] run(long[] ids, DecoderCache cache, boolean cached) throws OrtException {
    var env = model.env();
    Map<String, OnnxTensor> feed = new HashMap<>();
    try (OnnxTensor in = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, ids.length});
        OnnxTensor enc = OnnxTensor.createTensor(env, FloatBuffer.wrap(states),
            new long[] {1, WhisperGraphs.AUDIO_CTX, model.config().dModel()});
        OnnxTensor flag = OnnxTensor.createTensor(env, new boolean[] {cached})) {
      feed.put(WhisperGraphs.INPUT_IDS, in);
      feed.put(WhisperGraphs.ENCODER_STATES, enc);
      feed.put(WhisperGraphs.USE_CACHE, flag);
      cache.feedInto(feed);
      OrtSession.Result r = model.decoderSession().run(feed);
      FloatBuffer b = ((OnnxTensor) r.get(WhisperGraphs.LOGITS).orElseThrow()).getFloatBuffer();
      float[] out = new float[b.remaining()];
      b.get(out);
      assertTrue(out.length == ids.length * TinyWhisper.VOCAB);
      lastPresentShape = ((OnnxTensor) r.get(WhisperGraphs.present(0, 2)).orElseThrow()).getInfo().getShape();
      cache.advance(r, cached);
      return out;
    }
  }
}
