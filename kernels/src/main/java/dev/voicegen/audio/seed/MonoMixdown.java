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
    for (int i = 0; i < frames; i++) {
      out[i] = mixFrame(seg.data, i, ch);
    }
    return new PcmSegment(out, 1, seg.rate);
  }

  /** The mono sample of frame {@code frame} of interleaved {@code ch}-channel data ({@code ch >= 2}). */
  static short mixFrame(short[] d, int frame, int ch) {
    if (ch == 2) {
      double v = d[2 * frame] * 0.5 + d[2 * frame + 1] * 0.5;
      return (short) Math.floor(Math.max(PcmSegment.MIN_SAMPLE, Math.min(PcmSegment.MAX_SAMPLE, v)));
    }
    int sum = 0;
    for (int c = 0; c < ch; c++) {
      sum += Math.floorDiv(d[frame * ch + c], ch);
    }
    return (short) sum;
  }
}
