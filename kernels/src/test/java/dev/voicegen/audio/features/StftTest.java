package dev.voicegen.audio.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StftTest {
  private static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    return w;
  }

  @Test
  void periodicWindowsMatchScipyFftbins() {
    // scipy.signal.get_window("hann", 4) and get_window("hamming", 4)
    assertArrayEquals(new double[] {0, 0.5, 1, 0.5}, WindowFunction.HANN.periodic(4), 1e-15);
    assertArrayEquals(new double[] {0.08, 0.54, 1, 0.54}, WindowFunction.HAMMING.periodic(4), 1e-15);
  }

  @Test
  void frameCountsFollowLibrosaAndTorch() {
    Stft centred = new Stft(2048, 512, ones(2048), Stft.Padding.ZERO);
    assertEquals(1, centred.frameCount(1));
    assertEquals(1 + 22050 / 512, centred.frameCount(22050));
    Stft plain = new Stft(400, 160, ones(400), Stft.Padding.NONE);
    assertEquals(0, plain.frameCount(399));
    assertEquals(1, plain.frameCount(400));
    assertEquals(1 + (16000 - 400) / 160, plain.frameCount(16000));
  }

  @Test
  void reflectIndexMirrorsLikeNumpy() {
    // np.pad([1, 2, 3], 5, "reflect") = [2 1 2 3 2 | 1 2 3 | 2 1 2 3 2]
    int[] want = {1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1};
    for (int i = -5; i <= 7; i++) {
      assertEquals(want[i + 5], Stft.reflect(i, 3), "index " + i);
    }
    assertEquals(0, Stft.reflect(-4, 1));
  }

  @Test
  void binCentredCosineLandsInOneBin() {
    int n = 64;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) Math.cos(2 * Math.PI * 5 * i / n);
    }
    double[] power = new Stft(n, n, ones(n), Stft.Padding.NONE).power(x)[0];
    for (int k = 0; k < power.length; k++) {
      // float samples: cos is rounded to 24 bits before the transform
      assertEquals(k == 5 ? (n / 2.0) * (n / 2.0) : 0.0, power[k], 1e-3, "bin " + k);
    }
  }

  @Test
  void powerHoldsParsevalsEnergy() {
    int n = 400; // not a power of two: JTransforms' mixed-radix path, as Whisper uses
    Random random = new Random(7);
    float[] x = new float[n];
    double energy = 0;
    for (int i = 0; i < n; i++) {
      x[i] = (float) random.nextGaussian();
      energy += (double) x[i] * x[i];
    }
    double[] p = new Stft(n, n, ones(n), Stft.Padding.NONE).power(x)[0];
    double twoSided = p[0] + p[n / 2];
    for (int k = 1; k < n / 2; k++) {
      twoSided += 2 * p[k];
    }
    assertEquals(n * energy, twoSided, 1e-9 * n * energy);
  }

  @Test
  void shortWindowSitsInTheMiddleOfTheFrame() {
    // nFft 8, window 4: frame points 2..5 only (torch.stft's centred window padding)
    Stft stft = new Stft(8, 8, ones(4), Stft.Padding.NONE);
    float[] outside = {9, 9, 0, 0, 0, 0, 9, 9};
    assertEquals(0.0, stft.power(outside)[0][0], 0.0);
    float[] inside = {0, 0, 1, 1, 1, 1, 0, 0};
    assertEquals(16.0, stft.power(inside)[0][0], 1e-12);
  }

  @Test
  void centrePaddingUsesZerosOrMirror() {
    float[] x = new float[100];
    Arrays.fill(x, 1f);
    double zero = new Stft(16, 4, ones(16), Stft.Padding.ZERO).power(x)[0][0];
    double reflect = new Stft(16, 4, ones(16), Stft.Padding.REFLECT).power(x)[0][0];
    assertEquals(8.0 * 8.0, zero, 1e-9); // half the first frame is padding zeros
    assertEquals(16.0 * 16.0, reflect, 1e-9);
  }

  @Test
  void rejectsBadShapes() {
    assertThrows(IllegalArgumentException.class, () -> new Stft(401, 160, ones(400), Stft.Padding.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new Stft(256, 160, ones(400), Stft.Padding.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new Stft(256, 0, ones(256), Stft.Padding.ZERO));
    Stft reflect = new Stft(16, 4, ones(16), Stft.Padding.REFLECT);
    assertThrows(IllegalArgumentException.class, () -> reflect.power(new float[0]));
  }
}
