package dev.voicegen.audio.seed;

/**
 * pydub's {@code AudioSegment.append(seg, crossfade)} with the {@code fade} and looping
 * {@code overlay} it is built from, reproduced step by step: the lengths of the joined audio depend
 * on pydub's millisecond rounding at each of those steps (frames can be dropped or zero-padded at
 * the seams), and the faded samples on audioop.mul's flooring.
 */
final class Crossfade {
  /** pydub fades to/from -120 dB in a crossfade. */
  private static final double SILENT_GAIN_DB = -120;
  /** pydub fades longer than this use one gain step per millisecond, shorter ones one per frame. */
  private static final int COARSE_FADE_MS = 100;

  private Crossfade() {}

  /** {@code first.append(second, crossfade=crossfadeMs)}; both segments have the same format. */
  static PcmSegment append(PcmSegment first, PcmSegment second, double crossfadeMs) {
    if (crossfadeMs == 0) {
      return first.concat(second);
    }
    if (crossfadeMs > first.lengthMs() || crossfadeMs > second.lengthMs()) {
      throw new IllegalArgumentException("crossfade of " + crossfadeMs + " ms is longer than a segment ("
          + first.lengthMs() + " ms, " + second.lengthMs() + " ms)");
    }
    PcmSegment fadeOut = fadeWhole(first.slice(-crossfadeMs, first.lengthMs()), SILENT_GAIN_DB, 0);
    PcmSegment fadeIn = fadeWhole(second.slice(0, crossfadeMs), 0, SILENT_GAIN_DB);
    PcmSegment overlap = overlayLooped(fadeOut, fadeIn);
    return first.slice(0, -crossfadeMs).concat(overlap, second.slice(crossfadeMs, second.lengthMs()));
  }

  /** {@code seg.fade(to_gain, from_gain, start=0, end=inf)}: a fade over the whole segment. */
  static PcmSegment fadeWhole(PcmSegment seg, double toGainDb, double fromGainDb) {
    if (toGainDb == 0 && fromGainDb == 0) {
      return seg;
    }
    long end = seg.lengthMs();
    long duration = end;
    double fromPower = PcmSegment.dbToFloat(fromGainDb);
    double gainDelta = PcmSegment.dbToFloat(toGainDb) - fromPower;
    short[] out;
    if (duration > COARSE_FADE_MS) {
      double scaleStep = gainDelta / duration;
      PcmSegment[] steps = new PcmSegment[(int) duration];
      for (int i = 0; i < duration; i++) {
        double volume = fromPower + (scaleStep * i);
        steps[i] = seg.sliceAt(i).mul(volume);
      }
      out = seg.spawn(new short[0]).concat(steps).data;
    } else {
      double endFrame = seg.frameCount(end);
      double startFrame = seg.frameCount(0);
      double fadeFrames = endFrame - startFrame;
      double scaleStep = gainDelta / fadeFrames;
      int n = (int) fadeFrames;
      int ch = seg.channels;
      int available = Math.max(0, Math.min(n, seg.frames() - (int) startFrame));
      out = new short[available * ch];
      for (int i = 0; i < available; i++) {
        double volume = fromPower + (scaleStep * i);
        int frame = (int) (startFrame + i);
        for (int c = 0; c < ch; c++) {
          out[i * ch + c] = PcmSegment.mulSample(seg.data[frame * ch + c], volume);
        }
      }
    }
    // seg[end:] is empty here (end == len(seg)), so nothing follows the fade
    return seg.spawn(out);
  }

  /** {@code base.overlay(top, position=0, loop=True)}: {@code top} repeats until {@code base} ends. */
  static PcmSegment overlayLooped(PcmSegment base, PcmSegment top) {
    short[] seg1 = base.slice(0, base.lengthMs()).data;
    short[] seg2 = top.data;
    short[] out = new short[seg1.length];
    int pos = 0;
    boolean last = false;
    while (!last) {
      int remaining = Math.max(0, seg1.length - pos);
      int seg2Len = seg2.length;
      if (seg2Len >= remaining) {
        seg2Len = remaining;
        last = true;
      }
      short[] sum = PcmSegment.add(java.util.Arrays.copyOfRange(seg1, pos, pos + seg2Len),
          java.util.Arrays.copyOf(seg2, seg2Len));
      System.arraycopy(sum, 0, out, pos, seg2Len);
      pos += seg2Len;
      if (seg2Len == 0) {
        break; // pydub would loop forever on an empty overlay; keep the rest of the base instead
      }
    }
    System.arraycopy(seg1, pos, out, pos, seg1.length - pos);
    return base.spawn(out);
  }
}
