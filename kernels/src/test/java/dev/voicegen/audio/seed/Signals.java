package dev.voicegen.audio.seed;

import dev.voicegen.audio.AudioClip;

/** Synthetic test signals, given in 16-bit sample values. */
final class Signals {
  private Signals() {}

  static AudioClip mono(int rate, short... samples) {
    return PcmSegment.ofMono(rate, samples).toClip();
  }

  static short[] sine(int rate, double freqHz, double amplitude, double seconds) {
    int n = (int) Math.round(rate * seconds);
    short[] out = new short[n];
    for (int i = 0; i < n; i++) {
      out[i] = (short) (int) (amplitude * 32768 * Math.sin(2 * Math.PI * freqHz * i / rate));
    }
    return out;
  }

  static short[] constant(int n, int value) {
    short[] out = new short[n];
    java.util.Arrays.fill(out, (short) value);
    return out;
  }

  static short[] concat(short[]... parts) {
    int total = 0;
    for (short[] p : parts) {
      total += p.length;
    }
    short[] out = new short[total];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  static short[] samples(AudioClip clip) {
    return PcmSegment.of(clip).data;
  }
}
