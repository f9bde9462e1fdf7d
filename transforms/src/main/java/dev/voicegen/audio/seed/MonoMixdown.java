package dev.voicegen.audio.seed;

import dev.voicegen.audio.AudioClip;

/**
 * pydub's {@code set_channels(1)}: stereo through audioop.tomono(0.5, 0.5), which floors
 * (l*0.5 + r*0.5); more channels as the sum of each sample floor-divided by the channel count.
 */
public final class MonoMixdown {
  private MonoMixdown() {}

  public static AudioClip toMono(AudioClip clip) {
    if (clip.channelCount() == 1) {
      return clip;
    }
    return toMono(PcmSegment.of(clip)).toClip();
  }

  static PcmSegment toMono(PcmSegment seg) {
    int ch = seg.channels;
    if (ch == 1) {
      return seg;
    }
    int frames = seg.frames();
    short[] out = new short[frames];
    short[] d = seg.data;
    if (ch == 2) {
      for (int i = 0; i < frames; i++) {
        double v = d[2 * i] * 0.5 + d[2 * i + 1] * 0.5;
        out[i] = (short) Math.floor(Math.max(PcmSegment.MIN_SAMPLE, Math.min(PcmSegment.MAX_SAMPLE, v)));
      }
    } else {
      for (int i = 0; i < frames; i++) {
        int sum = 0;
        for (int c = 0; c < ch; c++) {
          sum += Math.floorDiv(d[i * ch + c], ch);
        }
        out[i] = (short) sum;
      }
    }
    return new PcmSegment(out, 1, seg.rate);
  }
}
