package dev.voicegen.xtts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.onnx.OnnxSessions;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class XttsModelTest {
  private static XttsModel model;

  @BeforeAll
  static void load() {
    model = XttsModel.load(TinyModel.dir(), OnnxSessions.Settings.defaults().withThreads(1));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  /** A positive pseudo-random mel [bands][frames]. */
  static float[][] mel(int bands, int frames, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] m = new float[bands][frames];
    for (float[] row : m) {
      for (int i = 0; i < frames; i++) {
        row[i] = (float) r.nextDouble(0.01, 2.0);
      }
    }
    return m;
  }

  @Test
  void conditioningLatentsAverageTheChunks() {
    float[][] a = mel(80, 50, 1);
    float[][] b = mel(80, 50, 2);
    float[][] c = mel(80, 31, 3);
    float[][] la = model.conditioningLatents(List.<float[][]>of(a));
    float[][] lb = model.conditioningLatents(List.<float[][]>of(b));
    float[][] lc = model.conditioningLatents(List.<float[][]>of(c));
    float[][] avg = model.conditioningLatents(List.of(a, b, c));
    assertEquals(32, avg.length);
    assertEquals(TinyModel.DIM, avg[0].length);
    for (int r = 0; r < 32; r++) {
      for (int i = 0; i < TinyModel.DIM; i++) {
        assertEquals((la[r][i] + lb[r][i] + lc[r][i]) / 3, avg[r][i], 1e-5, "latent " + r + "," + i);
      }
    }
    assertFalse(java.util.Arrays.equals(la[0], lb[0]));
  }

  @Test
  void speakerEmbeddingIs512Values() {
    float[] e = model.speakerEmbedding(mel(64, 120, 4));
    assertEquals(512, e.length);
    double norm = 0;
    for (float v : e) {
      norm += v * v;
    }
    assertEquals(1.0, Math.sqrt(norm), 1e-4, "the fixture's encoder L2-normalises like H/ASP");
    float[] f = model.speakerEmbedding(mel(64, 90, 6));
    float[] mean = model.speakerEmbedding(List.<float[][]>of(mel(64, 120, 4), mel(64, 90, 6)));
    for (int i = 0; i < 512; i++) {
      assertEquals((e[i] + f[i]) / 2, mean[i], 1e-6);
    }
  }

  @Test
  void vocoderGives1024SamplesPerLatentAndCropsEachRow() {
    float[] spk = model.speakerEmbedding(mel(64, 80, 5));
    float[][] longRow = latents(12, 1);
    float[][] shortRow = latents(5, 2);
    float[][] sameLength = latents(5, 3);
    float[] single = model.vocode(shortRow, spk);
    assertEquals(5 * TinyModel.SAMPLES_PER_FRAME, single.length);
    List<float[]> batch = model.vocode(List.of(longRow, shortRow, sameLength), List.of(spk, spk, spk));
    assertEquals(12 * TinyModel.SAMPLES_PER_FRAME, batch.get(0).length);
    assertArrayEquals(single, batch.get(1), 1e-5f, "a short row is not padded to the long one");
    assertEquals(5 * TinyModel.SAMPLES_PER_FRAME, batch.get(2).length);
    for (float v : batch.get(0)) {
      assertTrue(Math.abs(v) <= 1f);
    }
  }

  static float[][] latents(int frames, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] l = new float[frames][TinyModel.DIM];
    for (float[] row : l) {
      for (int i = 0; i < row.length; i++) {
        row[i] = (float) r.nextGaussian();
      }
    }
    return l;
  }

  @Test
  void exposesMetadataAndTables() {
    XttsMetadata m = model.metadata();
    assertEquals(2, m.nLayer());
    assertEquals(64, m.embedDim());
    assertEquals(4, m.numHeads());
    assertEquals(16, m.headDim());
    assertEquals(1026, m.numAudioTokens());
    assertEquals(1024, m.startAudioToken());
    assertEquals(1025, m.stopAudioToken());
    assertEquals(32, m.perceiverOutputLen());
    assertEquals(608, model.embeddings().melPositions());
    assertEquals(404, model.embeddings().textPositions());
    assertEquals(80, model.melStats().length);
    assertEquals(0, model.directory().stopTextToken());
  }
}
