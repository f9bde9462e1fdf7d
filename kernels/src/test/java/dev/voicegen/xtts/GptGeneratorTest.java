package dev.voicegen.xtts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.onnx.OnnxSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GptGeneratorTest {
  private static XttsModel model;

  @BeforeAll
  static void load() {
    model = XttsModel.load(TinyModel.dir(), OnnxSessions.Settings.defaults().withThreads(1));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static GenerationRequest request(int textLen, long seed) {
    return new GenerationRequest(TinyModel.condLatents(7), TinyModel.text(textLen, textLen), seed);
  }

  @Test
  void kvCacheGrowsByOnePositionPerDecodeStep() {
    GptGenerator g = model.generator(SamplingParams.defaults().withMaxCodes(6));
    List<long[]> shapes = new ArrayList<>();
    g.setStepObserver((step, shape) -> shapes.add(shape));
    g.generate(List.of(request(5, 1), request(9, 2)));
    int prefix = 32 + 9 + 2 + 1;
    assertEquals(6, shapes.size(), "prefill + 5 decode steps for 6 codes");
    for (int k = 0; k < shapes.size(); k++) {
      assertArrayEquals(new long[] {2, 4, prefix + k, 16}, shapes.get(k), "after step " + k);
    }
  }

  @Test
  void finishedRowsLeaveTheBatch() {
    GptGenerator g = model.generator(SamplingParams.defaults());
    List<long[]> shapes = new ArrayList<>();
    g.setStepObserver((step, shape) -> shapes.add(shape));
    List<GeneratedCodes> out = g.generate(List.of(request(3, 11), request(6, 12), request(9, 13), request(12, 14)));
    int longest = out.stream().mapToInt(c -> c.codes().length).max().orElseThrow();
    assertEquals(longest, shapes.size(), "one GPT pass per code of the longest row");
    for (int k = 0; k < shapes.size(); k++) {
      final int step = k;
      long alive = out.stream().filter(c -> c.codes().length > step).count();
      assertEquals(alive, shapes.get(k)[0], "batch rows after step " + k);
    }
    assertEquals(1, shapes.get(shapes.size() - 1)[0]);
    assertTrue(g.stats().compactions() >= 1);
    // Compaction keeps each survivor's cache: every row matches its run alone.
    long[] seeds = {11, 12, 13, 14};
    int[] lens = {3, 6, 9, 12};
    for (int i = 0; i < 4; i++) {
      GeneratedCodes alone = g.generate(request(lens[i], seeds[i]));
      assertArrayEquals(alone.codes(), out.get(i).codes(), "row " + i);
      assertArrayEquals(alone.latents()[alone.latents().length - 1],
          out.get(i).latents()[alone.latents().length - 1], 1e-4f, "row " + i);
    }
  }

  @Test
  void cachedDecodeMatchesOneFullForwardPass() throws Exception {
    // Coqui recomputes the latents with one pass over prefix + codes; the KV-cached steps must agree.
    GenerationRequest r = request(7, 77);
    GeneratedCodes c = model.generator(SamplingParams.defaults()).generate(r);
    int n = c.codes().length;
    int textLen = r.textTokens().length + 2;
    int prefix = 32 + textLen + 1;
    int len = prefix + n - 1;
    EmbeddingTables emb = model.embeddings();
    XttsModelDirectory dir = model.directory();
    float[] x = new float[len * TinyModel.DIM];
    for (int i = 0; i < 32; i++) {
      System.arraycopy(r.condLatents()[i], 0, x, i * TinyModel.DIM, TinyModel.DIM);
    }
    int[] tokens = new int[textLen];
    tokens[0] = dir.startTextToken();
    System.arraycopy(r.textTokens(), 0, tokens, 1, r.textTokens().length);
    tokens[textLen - 1] = dir.stopTextToken();
    for (int i = 0; i < textLen; i++) {
      emb.textInput(tokens[i], i, x, (32 + i) * TinyModel.DIM);
    }
    emb.melInput(1024, 0, x, (prefix - 1) * TinyModel.DIM);
    for (int i = 0; i < n - 1; i++) {
      emb.melInput(c.codes()[i], i + 1, x, (prefix + i) * TinyModel.DIM);
    }
    float[][] hidden = FullForward.hiddenStates(model, x, len);
    for (int i = 0; i < n; i++) {
      assertArrayEquals(hidden[prefix - 1 + i], c.latents()[i], 1e-4f, "latent " + i);
    }
  }

  @Test
  void leftPaddingDoesNotChangeARow() {
    GptGenerator g = model.generator(SamplingParams.defaults());
    GenerationRequest target = request(5, 42);
    GeneratedCodes alone = g.generate(target);
    List<GeneratedCodes> batch = g.generate(List.of(request(17, 1), target, request(2, 3)));
    GeneratedCodes inBatch = batch.get(1);
    assertTrue(alone.codes().length > 5);
    assertArrayEquals(alone.codes(), inBatch.codes());
    assertEquals(alone.stopped(), inBatch.stopped());
    for (int i = 0; i < alone.latents().length; i++) {
      assertArrayEquals(alone.latents()[i], inBatch.latents()[i], 1e-4f, "latent " + i);
    }
  }

  @Test
  void stopStepKeepsItsLatent() {
    GeneratedCodes c = model.generator(SamplingParams.defaults()).generate(request(8, 5));
    assertTrue(c.stopped(), "the fixture's STOP ramp stops well before 602 codes");
    int n = c.codes().length;
    assertEquals(TinyModel.STOP, c.codes()[n - 1], "STOP is the last code");
    assertEquals(n, c.latents().length, "one latent per code, the STOP step's included");
    assertEquals(n, c.steps());
    assertTrue(n > TinyModel.STOP_AFTER - 10 && n < 100, "stopped after " + n + " codes");
    assertFalse(Arrays.stream(c.codes(), 0, n - 1).anyMatch(x -> x == TinyModel.STOP));
    assertTrue(Arrays.stream(c.codes(), 0, n - 1).allMatch(x -> x >= 0 && x < 1024), "only VQ codes before STOP");
    for (float[] l : c.latents()) {
      assertEquals(TinyModel.DIM, l.length);
    }
  }

  @Test
  void capEndsRowsThatDoNotStop() {
    GeneratedCodes c = model.generator(SamplingParams.defaults().withMaxCodes(8)).generate(request(8, 5));
    assertFalse(c.stopped());
    assertEquals(8, c.codes().length);
    assertEquals(8, c.latents().length);
    assertFalse(Arrays.stream(c.codes()).anyMatch(x -> x == TinyModel.STOP));
  }

  @Test
  void defaultCapIs602Codes(@TempDir Path tmp) {
    assertEquals(602, SamplingParams.defaults().maxCodes());
    // A copy whose STOP ramp stays at its minimum: STOP is never sampled, so only the cap ends rows.
    Path dir = TinyModel.copyTo(tmp);
    NpyReader.NpyArray pos = NpyReader.read(dir.resolve(XttsModelDirectory.MEL_POS_EMBEDDING), "pos");
    for (int r = 0; r < pos.rows(); r++) {
      pos.data()[r * TinyModel.DIM] = -3f;
    }
    TinyModel.writeNpy(dir.resolve(XttsModelDirectory.MEL_POS_EMBEDDING), pos.shape(), pos.data());
    try (XttsModel never = XttsModel.load(dir, OnnxSessions.Settings.defaults().withThreads(1))) {
      GptGenerator g = never.generator(SamplingParams.defaults());
      assertEquals(602, g.maxCodes());
      List<GeneratedCodes> out = g.generate(List.of(request(4, 1), request(7, 2)));
      for (GeneratedCodes c : out) {
        assertFalse(c.stopped());
        assertEquals(602, c.codes().length);
        assertEquals(602, c.latents().length);
      }
    }
  }

  @Test
  void sameSeedSameCodesAndAudioDifferentSeedDifferentCodes() {
    GptGenerator g = model.generator(SamplingParams.defaults());
    GeneratedCodes a = g.generate(request(6, 100));
    GeneratedCodes b = g.generate(request(6, 100));
    GeneratedCodes c = g.generate(request(6, 101));
    assertArrayEquals(a.codes(), b.codes());
    float[] spk = model.speakerEmbedding(XttsModelTest.mel(64, 40, 3));
    assertArrayEquals(model.vocode(a.latents(), spk), model.vocode(b.latents(), spk));
    assertFalse(Arrays.equals(a.codes(), c.codes()));
  }

  @Test
  void statsSplitOrtTimeFromHostTime() {
    GptGenerator g = model.generator(SamplingParams.defaults().withMaxCodes(10));
    g.generate(List.of(request(4, 1), request(5, 2)));
    GeneratorStats s = g.stats();
    assertEquals(1, s.prefills());
    assertEquals(9, s.decodeSteps());
    assertTrue(s.decodeOrtNanos() > 0 && s.decodeOrtNanos() <= s.decodeNanos());
    assertTrue(s.decodeHostShare() >= 0 && s.decodeHostShare() < 1);
    g.resetStats();
    assertEquals(GeneratorStats.ZERO, g.stats());
  }

  @Test
  void rejectsTooLongText() {
    GptGenerator g = model.generator(SamplingParams.defaults());
    GenerationRequest tooLong = new GenerationRequest(TinyModel.condLatents(1), new int[403], 1);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> g.generate(tooLong));
    assertTrue(e.getMessage().contains("402"), e.getMessage());
    assertNotEquals(0, g.maxCodes());
  }
}
