package dev.voicegen.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Window layout of dnsmos_local.py, with counts worked out from its formulas: repetition by
 * doubling, int(floor(n / fs) - 9.01) + 1 windows, a window skipped when int((i + 9.01) * 16000)
 * truncates one sample short (every i >= 7).
 */
class DnsmosWindowsTest {
  private static final int FS = 16_000;

  @Test
  void aShortClipIsDoubledUntilItHoldsAWindow() {
    float[] three = ramp(3 * FS);
    DnsmosWindows w = DnsmosWindows.of(three);
    assertEquals(12 * FS, w.signal().length); // 3 s -> 6 s -> 12 s
    for (int i = 0; i < w.signal().length; i += 997) {
      assertEquals(three[i % three.length], w.signal()[i]);
    }
    assertEquals(3, w.hops()); // int(12 - 9.01) + 1
    assertEquals(3, w.scoredCount());
  }

  @Test
  void exactlyOneWindowAndOneSampleLess() {
    assertEquals(1, DnsmosWindows.of(new float[DnsmosWindows.WINDOW]).hops()); // int(9 - 9.01) = 0
    assertEquals(144_160, DnsmosWindows.WINDOW);
    DnsmosWindows shortBy1 = DnsmosWindows.of(new float[DnsmosWindows.WINDOW - 1]);
    assertEquals(2 * (DnsmosWindows.WINDOW - 1), shortBy1.signal().length);
    assertEquals(9, shortBy1.hops()); // 18.02 s: int(18 - 9.01) + 1
    assertEquals(7, shortBy1.scoredCount());
  }

  @Test
  void theReferenceScoresNoWindowFromTheEighthOn() {
    DnsmosWindows w = DnsmosWindows.of(new float[30 * FS]);
    assertEquals(21, w.hops()); // int(30 - 9.01) + 1
    for (int i = 0; i < 7; i++) {
      assertTrue(w.scored(i), "window " + i);
    }
    for (int i = 7; i < 21; i++) {
      assertFalse(w.scored(i), "window " + i + " is one sample short in the reference");
    }
    assertEquals(7, w.scoredCount());
    assertEquals(5 * FS, DnsmosWindows.start(5)); // one-second hop
  }

  @Test
  void noSamplesIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> DnsmosWindows.of(new float[0]));
  }

  private static float[] ramp(int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (i % 1000) / 1000f;
    }
    return x;
  }
}
