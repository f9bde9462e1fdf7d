package dev.voicegen.xtts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.onnx.ExecutionDevice;
import dev.voicegen.onnx.OnnxSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kvBinding on (the KV cache stays in ONNX Runtime's memory, IoBinding) against the reference path
 * (host tensors through the Java API): same codes, bit-identical latents, same cache shapes, and
 * the bytes each hands between host and ORT per decode step.
 */
class GptGeneratorBindingTest {
  private static XttsModel model;

  @BeforeAll
  static void load() {
    model = XttsModel.load(TinyModel.dir(), OnnxSessions.Settings.defaults().withThreads(1));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static List<GenerationRequest> mixedBatch() {
    List<GenerationRequest> rows = new ArrayList<>();
    int[] lens = {3, 11, 6, 17, 9, 2};
    for (int i = 0; i < lens.length; i++) {
      rows.add(new GenerationRequest(TinyModel.condLatents(20 + i), TinyModel.text(lens[i], 5 * i), 900 + i));
    }
    return rows;
  }

  /** Codes, latents and the cache shape after every pass of both paths on the same rows and seeds. */
  private static void assertSamePaths(XttsModel m, SamplingParams params, List<GenerationRequest> rows) {
    GptGenerator bound = m.generator(params, true);
    GptGenerator host = m.generator(params, false);
    assertTrue(bound.bindsKvCache());
    assertFalse(host.bindsKvCache());
    List<long[]> boundShapes = new ArrayList<>();
    List<long[]> hostShapes = new ArrayList<>();
    bound.setStepObserver((k, shape) -> boundShapes.add(shape));
    host.setStepObserver((k, shape) -> hostShapes.add(shape));
    List<GeneratedCodes> a = bound.generate(rows);
    List<GeneratedCodes> b = host.generate(rows);
    assertEquals(hostShapes.size(), boundShapes.size());
    for (int k = 0; k < hostShapes.size(); k++) {
      assertArrayEquals(hostShapes.get(k), boundShapes.get(k), "cache shape after pass " + k);
    }
    for (int i = 0; i < rows.size(); i++) {
      assertArrayEquals(b.get(i).codes(), a.get(i).codes(), "codes of row " + i);
      assertEquals(b.get(i).stopped(), a.get(i).stopped());
      for (int t = 0; t < b.get(i).latents().length; t++) {
        // same kernels on the same inputs: exact, not within a tolerance
        assertArrayEquals(b.get(i).latents()[t], a.get(i).latents()[t], 0f, "latent " + t + " of row " + i);
      }
    }
    assertEquals(host.stats().compactions(), bound.stats().compactions());
  }

  @Test
  void boundPathGivesTheReferenceCodesAndLatents() {
    GptGenerator probe = model.generator(SamplingParams.defaults(), true);
    List<GeneratedCodes> out = probe.generate(mixedBatch());
    assertTrue(probe.stats().compactions() >= 2, "rows finish at different steps, so the cache is compacted");
    assertTrue(out.stream().allMatch(GeneratedCodes::stopped));
    assertSamePaths(model, SamplingParams.defaults(), mixedBatch());
    assertSamePaths(model, SamplingParams.defaults().withMaxCodes(7), mixedBatch());
    assertSamePaths(model, SamplingParams.defaults(), mixedBatch().subList(2, 3));
  }

  @Test
  void boundPathOnTheVariantGraphs(@TempDir Path tmp) {
    // fixed-batch: a GPT exported for batch 1 only (the probe turns batching off: rows run alone);
    // ignore-mask: a GPT that does not honour mask zeros (same, for another reason)
    for (String variant : List.of("fixed-batch", "ignore-mask")) {
      Path dir = TinyModel.variant(variant, tmp.resolve(variant), "gpt_model.onnx");
      try (XttsModel m = XttsModel.load(dir, OnnxSessions.Settings.defaults().withThreads(1))) {
        assertSamePaths(m, SamplingParams.defaults().withMaxCodes(12), mixedBatch().subList(0, 3));
      }
    }
  }

  @Test
  void autoBindsTheCacheOnCudaOnly() {
    OnnxSessions.Settings cpu = OnnxSessions.Settings.defaults();
    assertEquals(OnnxSessions.KvBinding.AUTO, cpu.kvBinding());
    assertFalse(cpu.bindKvCache());
    assertTrue(cpu.withDevice(ExecutionDevice.cuda(1)).bindKvCache());
    assertTrue(cpu.withKvBinding(OnnxSessions.KvBinding.ON).bindKvCache());
    assertFalse(cpu.withDevice(ExecutionDevice.cuda(0)).withKvBinding(OnnxSessions.KvBinding.OFF).bindKvCache());
    assertFalse(model.generator(SamplingParams.defaults()).bindsKvCache(), "the tiny model is loaded on cpu, AUTO");
  }

  @Test
  void boundDecodeStepsHandOverOnlyLogitsHiddenStatesEmbeddingsAndMask() {
    XttsMetadata meta = model.metadata();
    int codes = 9;
    List<GenerationRequest> rows = List.of(
        new GenerationRequest(TinyModel.condLatents(1), TinyModel.text(5, 1), 1),
        new GenerationRequest(TinyModel.condLatents(2), TinyModel.text(8, 2), 2),
        new GenerationRequest(TinyModel.condLatents(3), TinyModel.text(8, 3), 3));
    int b = rows.size();
    int prefix = 32 + 8 + 2 + 1;
    long v = meta.numAudioTokens();
    long d = meta.embedDim();
    long kvRow = (long) meta.numHeads() * meta.headDim(); // floats per row and position of one cache tensor
    long layers = meta.nLayer();
    long bound = 0;
    long host = 0;
    for (int k = 1; k < codes; k++) {
      long total = prefix + k; // mask length of step k
      long common = b * (d + total) + b * (v + d); // embeds and mask in, last position's logits and hidden out
      bound += 4 * common;
      host += 4 * (common + 2 * layers * b * kvRow * ((total - 1) + total)); // past in, presents out
    }
    GptGenerator g = model.generator(SamplingParams.defaults().withMaxCodes(codes), true);
    g.generate(rows);
    GeneratorStats s = g.stats();
    assertEquals(codes - 1, s.decodeSteps());
    assertEquals(0, s.compactions(), "all rows run to the cap together");
    assertEquals(bound, s.decodeHostBytes(), "bound path: batch x (vocab + 2 x width + positions) x 4 per step");
    GptGenerator ref = model.generator(SamplingParams.defaults().withMaxCodes(codes), false);
    ref.generate(rows);
    assertEquals(host, ref.stats().decodeHostBytes(), "reference path: the whole cache in and out every step");
    // the reference grows with positions x layers; at the last step the cache is most of what moves
    assertTrue(ref.stats().decodeHostBytesPerStep() > 8 * g.stats().decodeHostBytesPerStep(),
        ref.stats().decodeHostBytesPerStep() + " vs " + g.stats().decodeHostBytesPerStep());
    // prefill: the full [B, S, V] logits and hidden states are bound to host memory once
    long prefillBound = 4L * (b * prefix * d + b * prefix + b * prefix * (v + d));
    assertEquals(prefillBound, s.prefillHostBytes());
  }

  @Test
  void compactionCountsOnlyTheRowIndices() {
    GptGenerator g = model.generator(SamplingParams.defaults(), true);
    GptGenerator ref = model.generator(SamplingParams.defaults(), false);
    g.generate(mixedBatch());
    ref.generate(mixedBatch());
    GeneratorStats s = g.stats();
    assertTrue(s.compactions() > 0);
    // every bound step hands over at most batch x (vocab + 2 x width + positions) floats plus 8 bytes per kept row
    long perStepBound = 6L * 4 * (1026 + 2 * 64 + 32 + 19 + 2 + 1 + 602) + 6 * 8;
    assertTrue(s.decodeHostBytesPerStep() < perStepBound, s.decodeHostBytesPerStep() + " per step");
    assertTrue(ref.stats().decodeHostBytes() > 5 * s.decodeHostBytes());
  }
}
