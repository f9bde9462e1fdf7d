package dev.voicegen.audio.seed;

import dev.voicegen.audio.AudioClip;
import java.util.ArrayList;
import java.util.List;

/**
 * pydub's {@code detect_silence} / {@code detect_nonsilent} with a 1 ms seek step.
 *
 * <p>A window of {@code minSilenceMs} starts at every millisecond; it is silent when audioop's integer
 * RMS over all its interleaved samples is at most 10^(thresh/20) * 32768. Windows are cut with pydub's
 * millisecond-to-frame truncation and padded with zeros where pydub pads them. The RMS comes from
 * sums of squares up to each millisecond, so a clip costs one pass instead of one pass per millisecond.
 */
public final class SilenceDetector {
  private SilenceDetector() {}

  /** Silent ranges, merged as pydub merges them; empty when the clip is shorter than the window. */
  public static List<TimeRange> detectSilence(AudioClip clip, int minSilenceMs, double silenceThreshDbfs) {
    return detectSilence(PcmSegment.of(clip), minSilenceMs, silenceThreshDbfs);
  }

  /** The complement of {@link #detectSilence}, with pydub's edge cases (no silence: the whole clip). */
  public static List<TimeRange> detectNonsilent(AudioClip clip, int minSilenceMs, double silenceThreshDbfs) {
    return detectNonsilent(PcmSegment.of(clip), minSilenceMs, silenceThreshDbfs);
  }

  static List<TimeRange> detectSilence(PcmSegment seg, int minSilenceMs, double silenceThreshDbfs) {
    long segLen = seg.lengthMs();
    List<TimeRange> ranges = new ArrayList<>();
    if (segLen < minSilenceMs) {
      return ranges;
    }
    double threshRms = Dbfs.silenceThresholdRms(silenceThreshDbfs);
    long lastSliceStart = segLen - minSilenceMs;

    MillisecondSums sums = new MillisecondSums(seg);
    long rangeStart = -1;
    long prev = -1;
    for (long i = 0; i <= lastSliceStart; i++) {
      if (sums.rmsOfSlice((int) i, (int) (i + minSilenceMs)) > threshRms) {
        continue;
      }
      if (rangeStart < 0) {
        rangeStart = i;
      } else {
        boolean continuous = i == prev + 1;
        // overlapping silent windows separated by a short blip are merged, as in pydub
        boolean hasGap = i > prev + minSilenceMs;
        if (!continuous && hasGap) {
          ranges.add(new TimeRange(rangeStart, prev + minSilenceMs));
          rangeStart = i;
        }
      }
      prev = i;
    }
    if (rangeStart >= 0) {
      ranges.add(new TimeRange(rangeStart, prev + minSilenceMs));
    }
    return ranges;
  }

  static List<TimeRange> detectNonsilent(PcmSegment seg, int minSilenceMs, double silenceThreshDbfs) {
    List<TimeRange> silent = detectSilence(seg, minSilenceMs, silenceThreshDbfs);
    long segLen = seg.lengthMs();
    List<TimeRange> nonsilent = new ArrayList<>();
    if (silent.isEmpty()) {
      nonsilent.add(new TimeRange(0, segLen));
      return nonsilent;
    }
    if (silent.get(0).startMs() == 0 && silent.get(0).endMs() == segLen) {
      return nonsilent;
    }
    long prevEnd = 0;
    for (TimeRange s : silent) {
      nonsilent.add(new TimeRange(prevEnd, s.startMs()));
      prevEnd = s.endMs();
    }
    if (prevEnd != segLen) {
      nonsilent.add(new TimeRange(prevEnd, segLen));
    }
    if (nonsilent.get(0).startMs() == 0 && nonsilent.get(0).endMs() == 0) {
      nonsilent.remove(0);
    }
    return nonsilent;
  }

  /**
   * The integer RMS of pydub's {@code seg[start:end]} for whole-millisecond bounds within the
   * segment: the sum of squares up to every millisecond's first frame is taken in one pass over the
   * samples (exact: integer squares in a long), so a window costs two lookups; pydub's zero padding
   * of a slice that runs past the last frame counts in the divisor.
   */
  static final class MillisecondSums {
    private final PcmSegment seg;
    private final int frames;
    /** sums[k]: squares of all samples of frames [0, min(frame of k ms, frames)). */
    private final long[] sums;

    MillisecondSums(PcmSegment seg) {
      this.seg = seg;
      this.frames = seg.frames();
      int segLen = (int) seg.lengthMs();
      this.sums = new long[segLen + 1];
      short[] d = seg.data;
      int ch = seg.channels;
      long sum = 0;
      int at = 0;
      for (int k = 0; k <= segLen; k++) {
        int end = (int) Math.min(seg.parsePosition(k), frames) * ch;
        for (; at < end; at++) {
          int v = d[at];
          sum += v * v;
        }
        sums[k] = sum;
      }
    }

    /** audioop.rms of {@code seg[startMs:endMs]}, {@code 0 <= startMs <= endMs <= len(seg)}. */
    int rmsOfSlice(int startMs, int endMs) {
      long start = seg.parsePosition(startMs);
      long end = seg.parsePosition(endMs);
      long realEnd = Math.min(end, frames);
      long realStart = Math.min(start, realEnd);
      long realFrames = realEnd - realStart;
      long count = realFrames;
      long missing = end - start - realFrames;
      if (missing > 0) {
        if (missing > seg.frameCount(2)) {
          throw new IllegalStateException("pydub would refuse to pad " + missing + " frames");
        }
        // pydub pads a non-empty slice with silent frames; an empty one stays empty
        count = realFrames > 0 ? end - start : 0;
      }
      // the sums stop at min(frame, frames) too: realStart and realEnd exactly
      return PcmSegment.rmsOf(sums[endMs] - sums[startMs], count * seg.channels);
    }
  }
}
