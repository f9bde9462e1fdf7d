package dev.voicegen.audio.seed;

import java.io.Serializable;

/** A half-open span [startMs, endMs) of a clip in pydub milliseconds. */
public record TimeRange(long startMs, long endMs) implements Serializable {
  public TimeRange {
    if (endMs < startMs) {
      throw new IllegalArgumentException("range ends before it starts: [" + startMs + ", " + endMs + ")");
    }
  }

  public long durationMs() {
    return endMs - startMs;
  }
}
