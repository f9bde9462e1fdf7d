package dev.voicegen.audio.seed;

import java.util.Arrays;

/**
 * pydub's {@code AudioSegment.append(seg, crossfade)} ({@link Joined#append}) with the {@code fade}
 * and looping {@code overlay} it is built from, reproduced step by step: the lengths of the joined audio depend
 * on pydub's millisecond rounding at each of those steps (frames can be dropped or zero-padded at
 * the seams), and the faded samples on audioop.mul's flooring.
 */
final class Crossfade {
  /** pydub fades to/from -120 dB in a crossfade. */
  private static final double SILENT_GAIN_DB = -120;
  /** pydub fades longer than this use one gain step per millisecond, shorter ones one per frame. */
  private static final int COARSE_FADE_MS = 100;

  private Crossfade() {}

  /**
   * Segments joined by repeated {@code joined = joined.append(next, crossfade)}, written into one
   * growing buffer: each join truncates the buffer to pydub's head slice {@code joined[:-crossfade]}
   * and adds the faded overlap and the rest of the next segment, so joining n chunks costs their
   * length once instead of n times.
   */
  static final class Joined {
    private final int channels;
    private final int rate;
    private short[] buf;
    private int size;

    /** Starts with {@code first}; {@code capacity} samples are reserved (it grows when needed). */
    Joined(PcmSegment first, int capacity) {
      this.channels = first.channels;
      this.rate = first.rate;
      this.buf = Arrays.copyOf(first.data, Math.max(capacity, first.data.length));
      this.size = first.data.length;
    }

    /** pydub's {@code len()} of the joined audio. */
    long lengthMs() {
      return (long) Math.rint(1000 * ((double) (size / channels) / rate));
    }

    /** pydub's {@code joined[startMs:endMs]}, copied out without materialising the whole. */
    PcmSegment slice(double startMs, double endMs) {
      long len = lengthMs();
      return new PcmSegment(
          slice(parsePosition(Math.min(startMs, len)), parsePosition(Math.min(endMs, len))), channels, rate);
    }

    /** pydub's {@code _parse_position} on the joined audio. */
    private long parsePosition(double ms) {
      if (ms < 0) {
        ms = lengthMs() - Math.abs(ms);
      }
      return (long) (ms * (rate / 1000.0));
    }

    /** {@code joined = joined.append(second, crossfade=crossfadeMs)}. */
    void append(PcmSegment second, double crossfadeMs) {
      if (crossfadeMs == 0) {
        add(second.data);
        return;
      }
      long len = lengthMs();
      if (crossfadeMs > len || crossfadeMs > second.lengthMs()) {
        throw new IllegalArgumentException("crossfade of " + crossfadeMs + " ms is longer than a segment ("
            + len + " ms, " + second.lengthMs() + " ms)");
      }
      // first[-crossfade:] is a short copy; first[:-crossfade] is a prefix, kept in place
      PcmSegment tail = new PcmSegment(slice(parsePosition(Math.min(-crossfadeMs, len)), parsePosition(len)),
          channels, rate);
      long headEnd = parsePosition(-crossfadeMs);
      PcmSegment fadeOut = fadeWhole(tail, SILENT_GAIN_DB, 0);
      PcmSegment fadeIn = fadeWhole(second.slice(0, crossfadeMs), 0, SILENT_GAIN_DB);
      PcmSegment overlap = overlayLooped(fadeOut, fadeIn);
      truncateTo(headEnd);
      add(overlap.data);
      add(second.slice(crossfadeMs, second.lengthMs()).data);
    }

    /** pydub's frame slice {@code [startFrame, endFrame)} of the joined audio, padded as pydub pads. */
    private short[] slice(long startFrame, long endFrame) {
      long start = startFrame * channels;
      long end = endFrame * channels;
      int s = (int) (start < 0 ? Math.max(0, start + size) : Math.min(start, size));
      int e = (int) (end < 0 ? Math.max(0, end + size) : Math.min(end, size));
      short[] sliced = e <= s ? new short[0] : Arrays.copyOfRange(buf, s, e);
      return PcmSegment.padSlice(sliced, start, end, channels, rate);
    }

    /** {@code joined[0:-crossfade]}: frames [0, endFrame), zero-padded as pydub pads a short slice. */
    private void truncateTo(long endFrame) {
      long end = endFrame * channels;
      int e = (int) (end < 0 ? Math.max(0, end + size) : Math.min(end, size));
      long missingFrames = Math.floorDiv(end - e, (long) channels);
      if (missingFrames > 0) {
        if (missingFrames > 2 * (rate / 1000.0)) {
          throw new IllegalStateException("pydub would refuse to pad " + missingFrames + " frames");
        }
        if (e > 0) {
          int padded = e + (int) missingFrames * channels;
          reserve(padded);
          Arrays.fill(buf, e, padded, (short) 0);
          e = padded;
        }
      }
      size = e;
    }

    private void add(short[] samples) {
      reserve(size + samples.length);
      System.arraycopy(samples, 0, buf, size, samples.length);
      size += samples.length;
    }

    private void reserve(int samples) {
      if (samples > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(samples, buf.length + (buf.length >> 1)));
      }
    }

    /** The joined audio as a segment (the buffer itself when it is full to the sample). */
    PcmSegment toSegment() {
      return new PcmSegment(size == buf.length ? buf : Arrays.copyOf(buf, size), channels, rate);
    }
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
      short[] sum = PcmSegment.add(Arrays.copyOfRange(seg1, pos, pos + seg2Len),
          Arrays.copyOf(seg2, seg2Len));
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
