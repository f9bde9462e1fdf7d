package dev.voicegen.audio.seed;

import dev.voicegen.audio.AudioClip;
import java.util.ArrayList;
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
    List<PcmSegment> chunks = splitOnSilence(seg);
    if (chunks.isEmpty()) {
      return seg.slice(0, 0);
    }
    double crossfadeMs = paddingMs / 2.0;
    PcmSegment out = chunks.get(0);
    for (int i = 1; i < chunks.size(); i++) {
      out = Crossfade.append(out, chunks.get(i), crossfadeMs);
    }
    return out;
  }

  /** pydub's {@code split_on_silence(seg, silenceLen, thresh, keep_silence=padding)}. */
  List<PcmSegment> splitOnSilence(PcmSegment seg) {
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
    List<PcmSegment> chunks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      chunks.add(seg.slice(Math.max(starts[i], 0), Math.min(ends[i], len)));
    }
    return chunks;
  }
}
