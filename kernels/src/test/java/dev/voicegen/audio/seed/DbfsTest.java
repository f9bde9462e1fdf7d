package dev.voicegen.audio.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.voicegen.audio.AudioClip;
import org.junit.jupiter.api.Test;

class DbfsTest {
  @Test
  void halfScaleSineIsMinusNineDbfs() {
    // rms of a sine = amplitude / sqrt 2: 0.5 / sqrt 2 -> 20 log10 = -9.03 dBFS
    AudioClip sine = Signals.mono(22050, Signals.sine(22050, 1000, 0.5, 1.0));
    assertEquals(11584, Dbfs.rms(sine)); // audioop.rms of the same truncated samples
    assertEquals(20 * Math.log10(11584 / 32768.0), Dbfs.dbfs(sine), 1e-9);
    assertEquals(-9.0309, Dbfs.dbfs(sine), 0.001);
    assertEquals(16383, Dbfs.peak(sine));
    assertEquals(-6.0206, Dbfs.peakDbfs(sine), 0.001);
  }

  @Test
  void rmsIsTruncatedToAnInteger() {
    // sqrt((3^2 + 4^2) / 2) = 3.54: audioop.rms gives 3
    assertEquals(3, Dbfs.rms(Signals.mono(8000, (short) 3, (short) 4)));
    assertEquals(20 * Math.log10(3 / 32768.0), Dbfs.dbfs(Signals.mono(8000, (short) 3, (short) 4)), 1e-9);
  }

  @Test
  void digitalSilenceIsMinusInfinity() {
    AudioClip silence = Signals.mono(22050, new short[2205]);
    assertEquals(Double.NEGATIVE_INFINITY, Dbfs.dbfs(silence));
    assertEquals(Double.NEGATIVE_INFINITY, Dbfs.peakDbfs(silence));
    // one sample of 1 in 2205 still truncates to rms 0: pydub calls that silence too
    short[] almost = new short[2205];
    almost[7] = 1;
    assertEquals(Double.NEGATIVE_INFINITY, Dbfs.dbfs(Signals.mono(22050, almost)));
  }

  @Test
  void negativeFullScaleIsZeroDbPeak() {
    assertEquals(0.0, Dbfs.peakDbfs(Signals.mono(22050, (short) -32768, (short) 5)), 0);
    assertEquals(327.68, Dbfs.silenceThresholdRms(-40), 1e-9);
  }
}
