package dev.voicegen.audio.seed;

import dev.voicegen.audio.AudioClip;
import java.util.ArrayList;
import java.util.List;

/**
 * pydub's {@code detect_silence} / {@code detect_nonsilent} with a 1 ms seek step.
 *
 * <p>A window of {@code minSilenceMs} starts at every millisecond; it is silent when audioop's integer
 * RMS over all its interleaved samples is at most 10^(thresh/20) * 32768. Windows are cut with pydub's
 * millisecond-to-frame truncation and padded with zeros where pydub pads them. The RMS comes from a
 * running sum of squares, so a clip costs one pass instead of one pass per millisecond.
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

    WindowRms window = new WindowRms(seg);
    long rangeStart = -1;
    long prev = -1;
    for (long i = 0; i <= lastSliceStart; i++) {
      if (window.rmsOfSlice(i, i + minSilenceMs) > threshRms) {
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
   * The integer RMS of pydub's {@code seg[start:end]} for window positions that only move forward:
   * a running sum of squares over the frames the window covers, plus pydub's zero padding in the count.
   */
  static final class WindowRms {
    private final PcmSegment seg;
    private final long segLen;
    private final int frames;
    private long from;
    private long to;
    private long sumSquares;

    WindowRms(PcmSegment seg) {
      this.seg = seg;
      this.segLen = seg.lengthMs();
      this.frames = seg.frames();
    }

    int rmsOfSlice(long startMs, long endMs) {
      long start = seg.parsePosition(Math.min(startMs, segLen));
      long end = seg.parsePosition(Math.min(endMs, segLen));
      long realEnd = Math.min(end, frames);
      long realStart = Math.min(start, realEnd);
      moveTo(realStart, realEnd);
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
      return PcmSegment.rmsOf(sumSquares, count * seg.channels);
    }

    private void moveTo(long newFrom, long newTo) {
      if (newFrom < from || newTo < to) {
        throw new IllegalStateException("windows must move forward");
      }
      int ch = seg.channels;
      short[] d = seg.data;
      for (long f = to; f < newTo; f++) {
        for (int c = 0; c < ch; c++) {
          int s = d[(int) f * ch + c];
          sumSquares += s * s;
        }
      }
      to = newTo;
      for (long f = from; f < Math.min(newFrom, to); f++) {
        for (int c = 0; c < ch; c++) {
          int s = d[(int) f * ch + c];
          sumSquares -= s * s;
        }
      }
      from = newFrom;
    }
  }
}
