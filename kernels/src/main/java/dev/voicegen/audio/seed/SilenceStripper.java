package dev.voicegen.audio.seed;

import dev.voicegen.audio.AudioClip;
import java.util.List;

/**
 * pydub's {@code strip_silence}: {@code split_on_silence} cuts the clip at every silence of at least
 * {@code silenceLenMs}, keeps each non-silent chunk with {@code paddingMs} of context on both sides
 * (overlapping paddings meet half-way), and the chunks are joined with a crossfade of padding/2.
 * Long internal pauses shrink to about one padding; a clip that is all silence becomes empty.
 */
public final class SilenceStripper {
  private final int silenceLenMs;
  private final double silenceThreshDbfs;
  private final int paddingMs;

  public SilenceStripper(int silenceLenMs, double silenceThreshDbfs, int paddingMs) {
    if (paddingMs > silenceLenMs) {
      throw new IllegalArgumentException("padding cannot be longer than silence_len");
    }
    this.silenceLenMs = silenceLenMs;
    this.silenceThreshDbfs = silenceThreshDbfs;
    this.paddingMs = paddingMs;
  }

  public AudioClip apply(AudioClip clip) {
    return apply(PcmSegment.of(clip)).toClip();
  }

  PcmSegment apply(PcmSegment seg) {
    Crossfade.Joined joined = join(seg);
    return joined == null ? seg.slice(0, 0) : joined.toSegment();
  }

  /** The stripped audio still in its join buffer, for a caller that keeps part of it; null when empty. */
  Crossfade.Joined join(PcmSegment seg) {
    long[][] bounds = chunkBounds(seg);
    int n = bounds[0].length;
    if (n == 0) {
      return null;
    }
    // chunks are cut one at a time and joined into one buffer: never all of them at once
    Crossfade.Joined out = new Crossfade.Joined(seg.slice(bounds[0][0], bounds[1][0]), seg.data.length);
    double crossfadeMs = paddingMs / 2.0;
    for (int i = 1; i < n; i++) {
      out.append(seg.slice(bounds[0][i], bounds[1][i]), crossfadeMs);
    }
    return out;
  }

  /** The start and end (ms) of each chunk split_on_silence keeps: {@code {starts, ends}}. */
  private long[][] chunkBounds(PcmSegment seg) {
    List<TimeRange> nonsilent = SilenceDetector.detectNonsilent(seg, silenceLenMs, silenceThreshDbfs);
    int n = nonsilent.size();
    long[] starts = new long[n];
    long[] ends = new long[n];
    for (int i = 0; i < n; i++) {
      starts[i] = nonsilent.get(i).startMs() - paddingMs;
      ends[i] = nonsilent.get(i).endMs() + paddingMs;
    }
    for (int i = 0; i + 1 < n; i++) {
      if (starts[i + 1] < ends[i]) {
        ends[i] = Math.floorDiv(ends[i] + starts[i + 1], 2);
        starts[i + 1] = ends[i];
      }
    }
    long len = seg.lengthMs();
    for (int i = 0; i < n; i++) {
      starts[i] = Math.max(starts[i], 0);
      ends[i] = Math.min(ends[i], len);
    }
    return new long[][] {starts, ends};
  }
}
