package dev.voicegen.audio.measure;

import dev.voicegen.audio.AudioClip;
import java.util.Random;

/** Synthetic test signals, full scale 1.0. */
final class Signals {
  private Signals() {}

  static float[] sine(int rate, double freqHz, double amplitude, double seconds) {
    return sine(rate, freqHz, amplitude, seconds, 0.0);
  }

  static float[] sine(int rate, double freqHz, double amplitude, double seconds, double phase) {
    int n = (int) Math.round(rate * seconds);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (amplitude * Math.sin(2 * Math.PI * freqHz * i / rate + phase));
    }
    return out;
  }

  static float[] dbfsSine(int rate, double freqHz, double peakDbfs, double seconds) {
    return sine(rate, freqHz, Math.pow(10, peakDbfs / 20), seconds);
  }

  /** A copy with raised-cosine fades over the first and last {@code seconds}: no edge to ring. */
  static float[] faded(float[] x, int rate, double seconds) {
    float[] out = x.clone();
    int n = Math.min(x.length / 2, (int) Math.round(rate * seconds));
    for (int i = 0; i < n; i++) {
      float gain = (float) (0.5 - 0.5 * Math.cos(Math.PI * i / n));
      out[i] *= gain;
      out[x.length - 1 - i] *= gain;
    }
    return out;
  }

  static float[] whiteNoise(int n, double rms, long seed) {
    Random random = new Random(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (rms * random.nextGaussian());
    }
    return out;
  }

  static float[] concat(float[]... parts) {
    int total = 0;
    for (float[] p : parts) {
      total += p.length;
    }
    float[] out = new float[total];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  static float[] plus(float[] a, float[] b) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  static float[] offset(float[] a, float dc) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + dc;
    }
    return out;
  }

  static AudioClip mono(int rate, float[] samples) {
    return AudioClip.mono(rate, samples);
  }

  static AudioClip stereo(int rate, float[] left, float[] right) {
    return new AudioClip(rate, new float[][] {left, right});
  }
}
